// Command localcluster runs one local Kubernetes control plane (etcd,
// kube-apiserver, kube-controller-manager, kube-scheduler) in this process,
// with simulated nodes instead of kubelets. No container runtime is needed.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/pflag"
	"k8s.io/klog/v2"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "compact" {
		if err := runCompactCommand(os.Args[2:]); err != nil {
			fatal(err)
		}
		return
	}
	o, err := parseFlags(os.Args[1:])
	if errors.Is(err, pflag.ErrHelp) {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "localcluster:", err)
		os.Exit(2)
	}
	if err := prepareDataDir(o); err != nil {
		fatal(err)
	}
	if err := setupLogging(o.LogFile, o.Verbosity); err != nil {
		fatal(err)
	}

	ctx, cancel := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer cancel()
	go func() {
		// A second signal means the user does not want to wait for shutdown.
		<-ctx.Done()
		ch := make(chan os.Signal, 1)
		signal.Notify(ch, syscall.SIGTERM, syscall.SIGINT)
		<-ch
		os.Exit(1)
	}()

	err = runCluster(ctx, o)
	klog.Flush()
	if err != nil {
		fatal(err)
	}
}

func prepareDataDir(o *options) error {
	if o.Reset {
		if err := os.RemoveAll(o.DataDir); err != nil {
			return fmt.Errorf("resetting data dir: %w", err)
		}
	}
	if err := os.MkdirAll(o.DataDir, 0o700); err != nil {
		return fmt.Errorf("creating data dir: %w", err)
	}
	return nil
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "localcluster:", err)
	os.Exit(1)
}
