package main

import (
	"context"
	"sort"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metainternalversion "k8s.io/apimachinery/pkg/apis/meta/internalversion"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	"k8s.io/apiserver/pkg/registry/rest"
	"k8s.io/metrics/pkg/apis/metrics"
)

// podMetricsREST serves metrics.k8s.io pods: read-only, namespaced, one
// PodMetrics per running pod (a pod that is not running has none: 404).
type podMetricsREST struct {
	rest.TableConvertor
	provider *metricsProvider
}

var (
	_ rest.Storage      = &podMetricsREST{}
	_ rest.KindProvider = &podMetricsREST{}
	_ rest.Scoper       = &podMetricsREST{}
	_ rest.Getter       = &podMetricsREST{}
	_ rest.Lister       = &podMetricsREST{}

	_ rest.SingularNameProvider = &podMetricsREST{}
)

func (r *podMetricsREST) New() runtime.Object     { return &metrics.PodMetrics{} }
func (r *podMetricsREST) NewList() runtime.Object { return &metrics.PodMetricsList{} }
func (r *podMetricsREST) Destroy()                {}
func (r *podMetricsREST) Kind() string            { return "PodMetrics" }
func (r *podMetricsREST) NamespaceScoped() bool   { return true }

// GetSingularName is empty, as metrics-server's: the resources are "pods"
// and "nodes" of another group, and kubectl names them by kind.
func (r *podMetricsREST) GetSingularName() string { return "" }

func (r *podMetricsREST) Get(ctx context.Context, name string, _ *metav1.GetOptions) (runtime.Object, error) {
	namespace := genericapirequest.NamespaceValue(ctx)
	pod, err := r.provider.pods.Pods(namespace).Get(name)
	if apierrors.IsNotFound(err) || (err == nil && !running(pod)) {
		return nil, apierrors.NewNotFound(metrics.Resource("podmetrics"), name)
	}
	if err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	m := r.provider.podMetrics(pod)
	return &m, nil
}

func (r *podMetricsREST) List(ctx context.Context, options *metainternalversion.ListOptions) (runtime.Object, error) {
	labelSelector, fieldSelector := selectors(options)
	namespace := genericapirequest.NamespaceValue(ctx)
	pods, err := r.provider.pods.Pods(namespace).List(labelSelector)
	if err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	list := &metrics.PodMetricsList{Items: []metrics.PodMetrics{}}
	for _, pod := range pods {
		if !running(pod) || !fieldSelector.Matches(objectFields(&pod.ObjectMeta)) {
			continue
		}
		list.Items = append(list.Items, r.provider.podMetrics(pod))
	}
	sort.Slice(list.Items, func(i, j int) bool {
		a, b := list.Items[i], list.Items[j]
		if a.Namespace != b.Namespace {
			return a.Namespace < b.Namespace
		}
		return a.Name < b.Name
	})
	return list, nil
}

// nodeMetricsREST serves metrics.k8s.io nodes: read-only, cluster-scoped.
type nodeMetricsREST struct {
	rest.TableConvertor
	provider *metricsProvider
}

var (
	_ rest.Storage      = &nodeMetricsREST{}
	_ rest.KindProvider = &nodeMetricsREST{}
	_ rest.Scoper       = &nodeMetricsREST{}
	_ rest.Getter       = &nodeMetricsREST{}
	_ rest.Lister       = &nodeMetricsREST{}

	_ rest.SingularNameProvider = &nodeMetricsREST{}
)

func (r *nodeMetricsREST) New() runtime.Object     { return &metrics.NodeMetrics{} }
func (r *nodeMetricsREST) NewList() runtime.Object { return &metrics.NodeMetricsList{} }
func (r *nodeMetricsREST) Destroy()                {}
func (r *nodeMetricsREST) Kind() string            { return "NodeMetrics" }
func (r *nodeMetricsREST) NamespaceScoped() bool   { return false }
func (r *nodeMetricsREST) GetSingularName() string { return "" }

func (r *nodeMetricsREST) Get(_ context.Context, name string, _ *metav1.GetOptions) (runtime.Object, error) {
	node, err := r.provider.nodes.Get(name)
	if apierrors.IsNotFound(err) {
		return nil, apierrors.NewNotFound(metrics.Resource("nodemetrics"), name)
	}
	if err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	ms, err := r.provider.nodeMetrics([]*corev1.Node{node})
	if err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	return &ms[0], nil
}

func (r *nodeMetricsREST) List(_ context.Context, options *metainternalversion.ListOptions) (runtime.Object, error) {
	labelSelector, fieldSelector := selectors(options)
	all, err := r.provider.nodes.List(labelSelector)
	if err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	var nodes []*corev1.Node
	for _, node := range all {
		if fieldSelector.Matches(objectFields(&node.ObjectMeta)) {
			nodes = append(nodes, node)
		}
	}
	sort.Slice(nodes, func(i, j int) bool { return nodes[i].Name < nodes[j].Name })
	items, err := r.provider.nodeMetrics(nodes)
	if err != nil {
		return nil, apierrors.NewInternalError(err)
	}
	return &metrics.NodeMetricsList{Items: items}, nil
}

func selectors(options *metainternalversion.ListOptions) (labels.Selector, fields.Selector) {
	labelSelector, fieldSelector := labels.Everything(), fields.Everything()
	if options != nil && options.LabelSelector != nil {
		labelSelector = options.LabelSelector
	}
	if options != nil && options.FieldSelector != nil {
		fieldSelector = options.FieldSelector
	}
	return labelSelector, fieldSelector
}

// objectFields are the fields a metrics field selector can use.
func objectFields(meta *metav1.ObjectMeta) fields.Set {
	set := fields.Set{"metadata.name": meta.Name}
	if meta.Namespace != "" {
		set["metadata.namespace"] = meta.Namespace
	}
	return set
}
