package main

import (
	"context"
	"fmt"
	"strings"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	genericapifilters "k8s.io/apiserver/pkg/endpoints/filters"
	genericapiserver "k8s.io/apiserver/pkg/server"
	"k8s.io/apiserver/pkg/util/notfoundhandler"
	aggregatorapiserver "k8s.io/kube-aggregator/pkg/apiserver"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
	apiserveroptions "k8s.io/kubernetes/cmd/kube-apiserver/app/options"
	controlplaneapiserver "k8s.io/kubernetes/pkg/controlplane/apiserver"
)

// extraAPIs installs API groups of localcluster's own (metrics.k8s.io) into
// kube-apiserver's generic server, before the aggregator is put in front of it.
type extraAPIs func(server *genericapiserver.GenericAPIServer) error

// runKubeAPIServer does what app.Run does (config, server chain, run), except
// that extra groups are installed into the kube-apiserver itself. Being part
// of the delegate that the aggregator wraps, they are served behind the same
// authentication, RBAC and admission as the built-in groups, and the
// aggregator's autoregistration publishes them as local APIServices, so that
// discovery lists them like any built-in group.
func runKubeAPIServer(ctx context.Context, opts apiserveroptions.CompletedOptions, extra extraAPIs) error {
	config, err := app.NewConfig(opts)
	if err != nil {
		return err
	}
	completed, err := config.Complete()
	if err != nil {
		return err
	}
	server, err := createServerChain(completed, extra)
	if err != nil {
		return err
	}
	prepared, err := server.PrepareRun()
	if err != nil {
		return err
	}
	return prepared.Run(ctx)
}

// createServerChain mirrors app.CreateServerChain of kube-apiserver v1.36,
// plus the extra groups.
func createServerChain(config app.CompletedConfig, extra extraAPIs) (*aggregatorapiserver.APIAggregator, error) {
	notFoundHandler := notfoundhandler.New(config.KubeAPIs.ControlPlane.Generic.Serializer, genericapifilters.NoMuxAndDiscoveryIncompleteKey)
	apiExtensionsServer, err := config.ApiExtensions.New(genericapiserver.NewEmptyDelegateWithCustomHandler(notFoundHandler))
	if err != nil {
		return nil, err
	}
	crdAPIEnabled := config.ApiExtensions.GenericConfig.MergedResourceConfig.ResourceEnabled(apiextensionsv1.SchemeGroupVersion.WithResource("customresourcedefinitions"))

	kubeAPIServer, err := config.KubeAPIs.New(apiExtensionsServer.GenericAPIServer)
	if err != nil {
		return nil, err
	}
	if extra != nil {
		if err := extra(kubeAPIServer.ControlPlane.GenericAPIServer); err != nil {
			return nil, fmt.Errorf("installing localcluster API groups: %w", err)
		}
	}
	priorities := apiServicePriorities()
	if missing := unprioritized(kubeAPIServer.ControlPlane.GenericAPIServer.ListedPaths(), priorities); len(missing) > 0 {
		// The aggregator would leave these out of discovery without a word.
		return nil, fmt.Errorf("no APIService priority for %v: update apiServicePriorities in serverchain.go to this kube-apiserver", missing)
	}
	return controlplaneapiserver.CreateAggregatorServer(config.Aggregator, kubeAPIServer.ControlPlane.GenericAPIServer,
		apiExtensionsServer.Informers.Apiextensions().V1().CustomResourceDefinitions(), crdAPIEnabled, priorities)
}

// unprioritized lists the group versions served under paths (/api/v1,
// /apis/<group>/<version>) that have no priority.
func unprioritized(paths []string, priorities map[schema.GroupVersion]controlplaneapiserver.APIServicePriority) []schema.GroupVersion {
	var missing []schema.GroupVersion
	for _, path := range paths {
		var gv schema.GroupVersion
		if path == "/api/v1" {
			gv = schema.GroupVersion{Version: "v1"}
		} else if parts := strings.Split(path, "/"); len(parts) == 4 && parts[1] == "apis" {
			gv = schema.GroupVersion{Group: parts[2], Version: parts[3]}
		} else {
			continue
		}
		if _, ok := priorities[gv]; !ok {
			missing = append(missing, gv)
		}
	}
	return missing
}

// apiServicePriorities are the priorities kube-apiserver v1.36.3 gives its
// built-in group versions (cmd/kube-apiserver/app/aggregator.go keeps them
// in an unexported variable), plus metrics.k8s.io/v1beta1 with the
// priorities of metrics-server's own APIService. The aggregator only
// autoregisters (and so only lists in discovery) group versions found here.
func apiServicePriorities() map[schema.GroupVersion]controlplaneapiserver.APIServicePriority {
	p := controlplaneapiserver.DefaultGenericAPIServicePriorities()
	for gv, prio := range map[schema.GroupVersion]controlplaneapiserver.APIServicePriority{
		{Group: "", Version: "v1"}:                        {Group: 18000, Version: 1},
		{Group: "apps", Version: "v1"}:                    {Group: 17800, Version: 15},
		{Group: "autoscaling", Version: "v1"}:             {Group: 17500, Version: 15},
		{Group: "autoscaling", Version: "v2"}:             {Group: 17500, Version: 30},
		{Group: "autoscaling", Version: "v2beta1"}:        {Group: 17500, Version: 9},
		{Group: "autoscaling", Version: "v2beta2"}:        {Group: 17500, Version: 1},
		{Group: "batch", Version: "v1"}:                   {Group: 17400, Version: 15},
		{Group: "batch", Version: "v1beta1"}:              {Group: 17400, Version: 9},
		{Group: "batch", Version: "v2alpha1"}:             {Group: 17400, Version: 9},
		{Group: "networking.k8s.io", Version: "v1"}:       {Group: 17200, Version: 15},
		{Group: "networking.k8s.io", Version: "v1beta1"}:  {Group: 17200, Version: 9},
		{Group: "policy", Version: "v1"}:                  {Group: 17100, Version: 15},
		{Group: "policy", Version: "v1beta1"}:             {Group: 17100, Version: 9},
		{Group: "storage.k8s.io", Version: "v1"}:          {Group: 16800, Version: 15},
		{Group: "storage.k8s.io", Version: "v1beta1"}:     {Group: 16800, Version: 9},
		{Group: "storage.k8s.io", Version: "v1alpha1"}:    {Group: 16800, Version: 1},
		{Group: "scheduling.k8s.io", Version: "v1"}:       {Group: 16600, Version: 15},
		{Group: "scheduling.k8s.io", Version: "v1alpha2"}: {Group: 16600, Version: 2},
		{Group: "node.k8s.io", Version: "v1"}:             {Group: 16300, Version: 15},
		{Group: "node.k8s.io", Version: "v1alpha1"}:       {Group: 16300, Version: 1},
		{Group: "node.k8s.io", Version: "v1beta1"}:        {Group: 16300, Version: 9},
		{Group: "resource.k8s.io", Version: "v1"}:         {Group: 16200, Version: 21},
		{Group: "resource.k8s.io", Version: "v1beta2"}:    {Group: 16200, Version: 15},
		{Group: "resource.k8s.io", Version: "v1beta1"}:    {Group: 16200, Version: 9},
		{Group: "resource.k8s.io", Version: "v1alpha3"}:   {Group: 16200, Version: 1},
		metricsGroupVersion:                               {Group: 100, Version: 100},
	} {
		p[gv] = prio
	}
	return p
}
