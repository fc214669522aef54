package main

import (
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	"k8s.io/apiserver/pkg/registry/rest"
	genericapiserver "k8s.io/apiserver/pkg/server"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/klog/v2"
	"k8s.io/metrics/pkg/apis/metrics"
	metricsinstall "k8s.io/metrics/pkg/apis/metrics/install"
	metricsv1beta1 "k8s.io/metrics/pkg/apis/metrics/v1beta1"
)

const (
	// metricsWindow is the window reported with every sample, as if usage
	// had been measured over the last scrape interval of a metrics-server.
	metricsWindow = 30 * time.Second
)

var metricsGroupVersion = metricsv1beta1.SchemeGroupVersion

// metricsProvider computes NodeMetrics and PodMetrics from the cluster's
// pods and nodes (informer caches): usage is simulated (see podUsage).
type metricsProvider struct {
	pods  corelisters.PodLister
	nodes corelisters.NodeLister
	now   func() time.Time
}

// install serves metrics.k8s.io/v1beta1 (nodes, pods) from the given server.
func (p *metricsProvider) install(server *genericapiserver.GenericAPIServer) error {
	scheme := runtime.NewScheme()
	metricsinstall.Install(scheme)
	metav1.AddToGroupVersion(scheme, schema.GroupVersion{Version: "v1"})
	info := genericapiserver.NewDefaultAPIGroupInfo(metrics.GroupName, scheme, metav1.ParameterCodec, serializer.NewCodecFactory(scheme))
	info.VersionedResourcesStorageMap[metricsGroupVersion.Version] = map[string]rest.Storage{
		"pods":  &podMetricsREST{provider: p, TableConvertor: metricsTable{}},
		"nodes": &nodeMetricsREST{provider: p, TableConvertor: metricsTable{}},
	}
	return server.InstallAPIGroup(&info)
}

// running says whether a pod is running on a node, the only pods a
// metrics-server has samples of.
func running(pod *corev1.Pod) bool {
	return pod.Spec.NodeName != "" && pod.Status.Phase == corev1.PodRunning && pod.DeletionTimestamp == nil
}

func (p *metricsProvider) sampleTime() (metav1.Time, metav1.Duration) {
	return metav1.NewTime(p.now().Truncate(time.Second)), metav1.Duration{Duration: metricsWindow}
}

func (p *metricsProvider) podMetrics(pod *corev1.Pod) metrics.PodMetrics {
	ts, window := p.sampleTime()
	usage, err := podUsage(pod)
	if err != nil {
		klog.V(2).InfoS("ignoring usage annotation", "pod", klog.KObj(pod), "err", err)
	}
	m := metrics.PodMetrics{
		ObjectMeta: metav1.ObjectMeta{
			Name:              pod.Name,
			Namespace:         pod.Namespace,
			Labels:            pod.Labels,
			CreationTimestamp: ts,
		},
		Timestamp: ts,
		Window:    window,
	}
	for _, c := range usage {
		m.Containers = append(m.Containers, metrics.ContainerMetrics{Name: c.Name, Usage: c.Usage})
	}
	return m
}

// nodeMetrics is the sum of the usage of the pods running on each node;
// simulated nodes have no system overhead.
func (p *metricsProvider) nodeMetrics(nodes []*corev1.Node) ([]metrics.NodeMetrics, error) {
	pods, err := p.pods.List(labels.Everything())
	if err != nil {
		return nil, err
	}
	totals := map[string]map[corev1.ResourceName]int64{}
	for _, pod := range pods {
		if !running(pod) {
			continue
		}
		usage, _ := podUsage(pod)
		for _, c := range usage {
			for _, name := range usageResources {
				if totals[pod.Spec.NodeName] == nil {
					totals[pod.Spec.NodeName] = map[corev1.ResourceName]int64{}
				}
				totals[pod.Spec.NodeName][name] += scaledValue(name, c.Usage[name])
			}
		}
	}
	ts, window := p.sampleTime()
	out := make([]metrics.NodeMetrics, 0, len(nodes))
	for _, node := range nodes {
		usage := corev1.ResourceList{}
		for _, name := range usageResources {
			usage[name] = quantityOf(name, totals[node.Name][name])
		}
		out = append(out, metrics.NodeMetrics{
			ObjectMeta: metav1.ObjectMeta{Name: node.Name, Labels: node.Labels, CreationTimestamp: ts},
			Timestamp:  ts,
			Window:     window,
			Usage:      usage,
		})
	}
	return out, nil
}
