package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/tools/clientcmd"
	"k8s.io/klog/v2"
)

const (
	readyTimeout    = 60 * time.Second
	shutdownTimeout = 30 * time.Second
)

// component is a running part of the control plane; done yields its exit.
type component struct {
	name string
	done <-chan error
}

// runCluster starts every part, announces readiness on stdout and blocks
// until ctx is cancelled or a part fails.
func runCluster(ctx context.Context, o *options) error {
	started := time.Now()
	// Bind the apiserver port first: a taken port should fail in
	// milliseconds, not after etcd and the apiserver's own bind retries.
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", o.Port))
	if err != nil {
		return fmt.Errorf("apiserver port: %w", err)
	}
	// The apiserver closes it on shutdown; this covers failures before that.
	defer ln.Close()
	p, err := ensurePKI(o.DataDir)
	if err != nil {
		return err
	}
	etcd, etcdURL, err := startEtcd(o.DataDir, o.LogFile)
	if err != nil {
		return err
	}
	defer etcd.Close()

	server := serverURL(o.Port)
	// The controller-manager and scheduler get their own copy so that
	// --kubeconfig-out can point anywhere, including a shared file.
	internalKubeconfig := filepath.Join(o.DataDir, "admin.kubeconfig")
	for _, path := range []string{internalKubeconfig, o.KubeconfigOut} {
		if err := writeKubeconfig(path, o.Name, server, p.CAPEM, o.AdminToken); err != nil {
			return err
		}
	}

	runCtx, stop := context.WithCancel(ctx)
	defer stop()
	var parts []component
	// Everything started must be waited for, also on error paths, or etcd
	// would close underneath a still-running apiserver.
	defer func() {
		stop()
		waitAll(parts)
	}()

	restCfg, client, err := adminClient(internalKubeconfig)
	if err != nil {
		return err
	}
	services, err := newClusterServices(client, o)
	if err != nil {
		return err
	}
	apiDone, err := startAPIServer(runCtx, o, p, etcdURL, ln, services.apis())
	if err != nil {
		return err
	}
	parts = append(parts, component{"kube-apiserver", apiDone})
	if err := waitReady(runCtx, server, p.CAPEM, o.AdminToken, apiDone); err != nil {
		return err
	}
	klog.InfoS("apiserver ready", "elapsed", time.Since(started))

	kcmDone, err := startControllerManager(runCtx, internalKubeconfig, p)
	if err != nil {
		return err
	}
	parts = append(parts, component{"kube-controller-manager", kcmDone})
	schedDone, err := startScheduler(runCtx, internalKubeconfig)
	if err != nil {
		return err
	}
	parts = append(parts, component{"kube-scheduler", schedDone})

	servicesDone, err := services.start(runCtx)
	if err != nil {
		return err
	}
	parts = append(parts, component{"cluster-services", servicesDone})

	sim, err := newNodeSimulator(client, o)
	if err != nil {
		return err
	}
	if err := sim.registerNodes(runCtx); err != nil {
		return err
	}
	simDone := make(chan error, 1)
	go func() {
		go sim.heartbeat(runCtx)
		sim.runPods(runCtx)
		simDone <- nil
	}()
	parts = append(parts, component{"node-simulator", simDone})

	if err := provisionIdentities(runCtx, restCfg, client, o); err != nil {
		return err
	}
	if err := writeClusterInfo(o.DataDir, newClusterInfo(o, p.CAPEM, etcdURL)); err != nil {
		return err
	}
	defer os.Remove(filepath.Join(o.DataDir, "cluster.json"))
	klog.InfoS("cluster ready", "elapsed", time.Since(started))
	fmt.Printf("localcluster %s ready %s kubeconfig=%s\n", o.Name, server, o.KubeconfigOut)

	return waitFirst(runCtx, parts)
}

// adminClient is a client of the cluster as admin; it connects on first use.
func adminClient(kubeconfig string) (*rest.Config, kubernetes.Interface, error) {
	restCfg, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return nil, nil, fmt.Errorf("loading admin kubeconfig: %w", err)
	}
	restCfg.QPS, restCfg.Burst = 100, 200
	client, err := kubernetes.NewForConfig(restCfg)
	if err != nil {
		return nil, nil, fmt.Errorf("creating client: %w", err)
	}
	return restCfg, client, nil
}

// provisionIdentities applies --apply manifests (the platform's own RBAC,
// for one) and writes --token-out tokens, so that clients get least-privilege
// identities rather than the admin token. It runs after the controller-manager
// starts, because the token controller fills the token Secrets.
func provisionIdentities(ctx context.Context, restCfg *rest.Config, client kubernetes.Interface, o *options) error {
	if len(o.Apply) > 0 {
		applier, err := newManifestApplier(restCfg)
		if err != nil {
			return err
		}
		if err := applier.applyFiles(ctx, o.Apply); err != nil {
			return err
		}
	}
	return writeServiceAccountTokens(ctx, client, o.TokenOuts)
}

// waitFirst returns nil when ctx ends, or an error when a part exits first.
func waitFirst(ctx context.Context, parts []component) error {
	failed := make(chan error, len(parts))
	for _, c := range parts {
		go func() {
			select {
			case err := <-c.done:
				failed <- fmt.Errorf("%s exited: %w", c.name, errOrUnexpected(err))
			case <-ctx.Done():
			}
		}()
	}
	select {
	case <-ctx.Done():
		return nil
	case err := <-failed:
		return err
	}
}

func errOrUnexpected(err error) error {
	if err == nil {
		return errors.New("unexpectedly")
	}
	return err
}

// waitAll drains each part's result in reverse start order, bounded so that
// a stuck component cannot hold the process forever.
func waitAll(parts []component) {
	deadline := time.After(shutdownTimeout)
	for i := len(parts) - 1; i >= 0; i-- {
		select {
		case err := <-parts[i].done:
			if err != nil && !errors.Is(err, context.Canceled) {
				klog.ErrorS(err, "component stopped with error", "component", parts[i].name)
			}
		case <-deadline:
			klog.ErrorS(nil, "component did not stop in time", "component", parts[i].name)
			return
		}
	}
}

// waitReady polls /readyz as the admin user; it is the same check clients
// would make, including TLS against the generated CA.
func waitReady(ctx context.Context, server string, caPEM []byte, token string, apiDone <-chan error) error {
	pool := x509.NewCertPool()
	pool.AppendCertsFromPEM(caPEM)
	hc := &http.Client{
		Timeout:   2 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}},
	}
	deadline := time.After(readyTimeout)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, server+"/readyz", nil)
		if err != nil {
			return fmt.Errorf("building readyz request: %w", err)
		}
		req.Header.Set("Authorization", "Bearer "+token)
		if resp, err := hc.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-apiDone:
			return fmt.Errorf("kube-apiserver exited before ready: %w", errOrUnexpected(err))
		case <-deadline:
			return fmt.Errorf("kube-apiserver not ready after %s", readyTimeout)
		case <-tick.C:
		}
	}
}
