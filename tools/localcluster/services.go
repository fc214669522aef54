package main

import (
	"context"
	"fmt"
	"time"

	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
)

// servicesSyncTimeout bounds the wait for the services' informer caches.
const servicesSyncTimeout = 30 * time.Second

// clusterServices are what localcluster runs for the cluster besides the
// control plane and the simulated nodes: the metrics.k8s.io API (unless
// --metrics=false) and the simulated volume provisioner, fed by one informer
// factory.
type clusterServices struct {
	client  kubernetes.Interface
	factory informers.SharedInformerFactory
	metrics *metricsProvider
	volumes *volumeProvisioner
}

// newClusterServices only wires informers: nothing talks to the apiserver
// until start, so it can be built before the apiserver runs.
func newClusterServices(client kubernetes.Interface, o *options) (*clusterServices, error) {
	s := &clusterServices{client: client, factory: informers.NewSharedInformerFactory(client, 0)}
	if o.Metrics {
		s.metrics = &metricsProvider{
			pods:  s.factory.Core().V1().Pods().Lister(),
			nodes: s.factory.Core().V1().Nodes().Lister(),
			now:   time.Now,
		}
	}
	volumes, err := newVolumeProvisioner(client, s.factory)
	if err != nil {
		return nil, err
	}
	s.volumes = volumes
	return s, nil
}

// apis are the API groups to install into the apiserver (none with --metrics=false).
func (s *clusterServices) apis() extraAPIs {
	if s.metrics == nil {
		return nil
	}
	return s.metrics.install
}

// start applies the default StorageClass, fills the caches (so metrics are
// complete from the first request after ready) and runs the provisioner
// until ctx ends.
func (s *clusterServices) start(ctx context.Context) (<-chan error, error) {
	if err := ensureStorageClass(ctx, s.client); err != nil {
		return nil, err
	}
	s.factory.Start(ctx.Done())
	syncCtx, cancel := context.WithTimeout(ctx, servicesSyncTimeout)
	defer cancel()
	for typ, ok := range s.factory.WaitForCacheSync(syncCtx.Done()) {
		if !ok {
			return nil, fmt.Errorf("informer cache of %v not synced after %s", typ, servicesSyncTimeout)
		}
	}
	if !cache.WaitForCacheSync(syncCtx.Done(), s.volumes.synced...) {
		return nil, fmt.Errorf("volume caches not synced after %s", servicesSyncTimeout)
	}
	done := make(chan error, 1)
	go func() {
		s.volumes.run(ctx)
		s.factory.Shutdown()
		done <- nil
	}()
	return done, nil
}
