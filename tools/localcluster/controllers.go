package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/pflag"
	kcmapp "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	kcmoptions "k8s.io/kubernetes/cmd/kube-controller-manager/app/options"
)

// controllers lists what a cluster of simulated nodes needs; cloud, attach/
// detach and IPAM controllers are left out to keep startup and CPU use low.
// The PersistentVolume binder and the two protection controllers (without
// which a deleted claim or volume would keep its finalizer forever) bind
// claims to the volumes of the simulated provisioner (provisioner.go).
var controllers = []string{
	"namespace-controller",
	"garbage-collector-controller",
	"deployment-controller",
	"replicaset-controller",
	"replicationcontroller-controller",
	"statefulset-controller",
	"daemonset-controller",
	"job-controller",
	"cronjob-controller",
	"disruption-controller",
	"resourcequota-controller",
	"serviceaccount-controller",
	"serviceaccount-token-controller",
	"root-ca-certificate-publisher-controller",
	"node-lifecycle-controller",
	"taint-eviction-controller",
	"pod-garbage-collector-controller",
	"ttl-after-finished-controller",
	"clusterrole-aggregation-controller",
	"endpoints-controller",
	"endpointslice-controller",
	"persistentvolume-binder-controller",
	"persistentvolumeclaim-protection-controller",
	"persistentvolume-protection-controller",
}

// startControllerManager runs kube-controller-manager in-process through its
// options, sharing ctx with the rest of the cluster.
func startControllerManager(ctx context.Context, kubeconfig string, p *pki) (<-chan error, error) {
	s, err := kcmoptions.NewKubeControllerManagerOptions()
	if err != nil {
		return nil, fmt.Errorf("controller-manager options: %w", err)
	}
	all, disabled, aliases := kcmapp.KnownControllers(), kcmapp.ControllersDisabledByDefault(), kcmapp.ControllerAliases()
	named := s.Flags(all, disabled, aliases)
	fs := pflag.NewFlagSet("kube-controller-manager", pflag.ContinueOnError)
	for _, f := range named.FlagSets {
		fs.AddFlagSet(f)
	}
	args := []string{
		"--kubeconfig=" + kubeconfig,
		"--leader-elect=false",
		"--secure-port=0",
		"--controllers=" + strings.Join(controllers, ","),
		"--root-ca-file=" + p.CACert,
		"--service-account-private-key-file=" + p.SAKey,
		"--use-service-account-credentials=false",
		"--concurrent-deployment-syncs=5",
		"--concurrent-replicaset-syncs=5",
		"--concurrent-namespace-syncs=5",
	}
	if err := fs.Parse(args); err != nil {
		return nil, fmt.Errorf("parsing controller-manager flags: %w", err)
	}
	s.ParsedFlags = &named

	cfg, err := s.Config(ctx, all, disabled, aliases)
	if err != nil {
		return nil, fmt.Errorf("controller-manager config: %w", err)
	}
	done := make(chan error, 1)
	go func() {
		done <- kcmapp.Run(ctx, cfg.Complete())
	}()
	return done, nil
}
