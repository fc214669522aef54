package main

import (
	"context"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metainternalversion "k8s.io/apimachinery/pkg/apis/meta/internalversion"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/labels"
	genericapirequest "k8s.io/apiserver/pkg/endpoints/request"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/metrics/pkg/apis/metrics"
)

var sampleTime = time.Date(2026, 11, 27, 12, 0, 0, 500_000_000, time.UTC)

func testProvider(t *testing.T, objects ...any) *metricsProvider {
	t.Helper()
	pods := cache.NewIndexer(cache.MetaNamespaceKeyFunc, cache.Indexers{cache.NamespaceIndex: cache.MetaNamespaceIndexFunc})
	nodes := cache.NewIndexer(cache.MetaNamespaceKeyFunc, cache.Indexers{})
	for _, obj := range objects {
		var err error
		switch o := obj.(type) {
		case *corev1.Pod:
			err = pods.Add(o)
		case *corev1.Node:
			err = nodes.Add(o)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return &metricsProvider{
		pods:  corelisters.NewPodLister(pods),
		nodes: corelisters.NewNodeLister(nodes),
		now:   func() time.Time { return sampleTime },
	}
}

func runningPod(ns, name, node string, labels map[string]string, annotation string, containers ...corev1.Container) *corev1.Pod {
	p := pod(annotation, containers...)
	p.Namespace, p.Name, p.Labels = ns, name, labels
	p.Spec.NodeName = node
	p.Status.Phase = corev1.PodRunning
	return p
}

func TestPodMetricsListsRunningPodsOfTheNamespace(t *testing.T) {
	pending := pod("", container("a", "1", "1Gi"))
	pending.Namespace, pending.Name = "team", "pending"
	provider := testProvider(t,
		runningPod("team", "web", "n1", map[string]string{"app": "web"}, "cpu=250m,memory=200Mi", container("a", "1", "1Gi")),
		runningPod("team", "db", "n1", map[string]string{"app": "db"}, "", container("a", "1", "1Gi")),
		runningPod("other", "web", "n1", map[string]string{"app": "web"}, "", container("a", "1", "1Gi")),
		pending,
	)
	rest := &podMetricsREST{provider: provider}
	ctx := genericapirequest.WithNamespace(context.Background(), "team")

	obj, err := rest.List(ctx, &metainternalversion.ListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range obj.(*metrics.PodMetricsList).Items {
		names = append(names, m.Namespace+"/"+m.Name)
	}
	if len(names) != 2 || names[0] != "team/db" || names[1] != "team/web" {
		t.Errorf("listed %v, want [team/db team/web] (running pods of the namespace, sorted)", names)
	}

	obj, err = rest.List(ctx, &metainternalversion.ListOptions{LabelSelector: labels.SelectorFromSet(labels.Set{"app": "web"})})
	if err != nil {
		t.Fatal(err)
	}
	if items := obj.(*metrics.PodMetricsList).Items; len(items) != 1 || items[0].Name != "web" {
		t.Errorf("label selector app=web listed %v", items)
	}
	obj, err = rest.List(ctx, &metainternalversion.ListOptions{FieldSelector: fields.OneTermEqualSelector("metadata.name", "db")})
	if err != nil {
		t.Fatal(err)
	}
	if items := obj.(*metrics.PodMetricsList).Items; len(items) != 1 || items[0].Name != "db" {
		t.Errorf("field selector metadata.name=db listed %v", items)
	}

	all, err := rest.List(genericapirequest.WithNamespace(context.Background(), metav1.NamespaceAll), nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(all.(*metrics.PodMetricsList).Items); n != 3 {
		t.Errorf("all namespaces listed %d pods, want 3", n)
	}
}

func TestPodMetricsGet(t *testing.T) {
	pending := pod("", container("a", "1", "1Gi"))
	pending.Namespace, pending.Name = "team", "pending"
	provider := testProvider(t, runningPod("team", "web", "n1", nil, "cpu=250m,memory=200Mi", container("a", "1", "1Gi")), pending)
	rest := &podMetricsREST{provider: provider}
	ctx := genericapirequest.WithNamespace(context.Background(), "team")

	obj, err := rest.Get(ctx, "web", nil)
	if err != nil {
		t.Fatal(err)
	}
	m := obj.(*metrics.PodMetrics)
	if !m.Timestamp.Time.Equal(sampleTime.Truncate(time.Second)) || m.Window.Duration != metricsWindow {
		t.Errorf("timestamp %v window %v, want %v and %v", m.Timestamp, m.Window, sampleTime.Truncate(time.Second), metricsWindow)
	}
	if cpu := m.Containers[0].Usage[corev1.ResourceCPU]; cpu.String() != "250m" {
		t.Errorf("cpu = %s, want 250m", cpu.String())
	}
	for _, name := range []string{"pending", "missing"} {
		if _, err := rest.Get(ctx, name, nil); !apierrors.IsNotFound(err) {
			t.Errorf("Get(%s) error = %v, want NotFound", name, err)
		}
	}
}

func TestNodeMetricsSumRunningPodsOfTheNode(t *testing.T) {
	n1 := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "n1"}}
	n2 := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "n2"}}
	ended := runningPod("team", "done", "n1", nil, "cpu=5", container("a", "1", "1Gi"))
	ended.Status.Phase = corev1.PodSucceeded
	provider := testProvider(t, n1, n2, ended,
		runningPod("team", "web", "n1", nil, "cpu=250m,memory=200Mi", container("a", "1", "1Gi")),
		runningPod("team", "db", "n1", nil, "", container("a", "500m", "100Mi")),
	)
	obj, err := (&nodeMetricsREST{provider: provider}).List(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	items := obj.(*metrics.NodeMetricsList).Items
	if len(items) != 2 {
		t.Fatalf("got %d NodeMetrics, want 2", len(items))
	}
	cpu, mem := items[0].Usage[corev1.ResourceCPU], items[0].Usage[corev1.ResourceMemory]
	if items[0].Name != "n1" || cpu.MilliValue() != 500 || mem.Value() != 250<<20 {
		t.Errorf("n1 usage = cpu %s memory %s, want 500m and 250Mi", cpu.String(), mem.String())
	}
	if cpu := items[1].Usage[corev1.ResourceCPU]; items[1].Name != "n2" || !cpu.IsZero() {
		t.Errorf("n2 usage = %v, want zero", items[1].Usage)
	}
}

func TestMetricsTable(t *testing.T) {
	list := &metrics.PodMetricsList{Items: []metrics.PodMetrics{{
		ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Window:     metav1.Duration{Duration: metricsWindow},
		Containers: []metrics.ContainerMetrics{
			{Name: "a", Usage: corev1.ResourceList{corev1.ResourceCPU: *resourceMilli(100), corev1.ResourceMemory: *resourceBytes(64 << 20)}},
			{Name: "b", Usage: corev1.ResourceList{corev1.ResourceCPU: *resourceMilli(50), corev1.ResourceMemory: *resourceBytes(64 << 20)}},
		},
	}}}
	table, err := metricsTable{}.ConvertToTable(context.Background(), list, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := []any{"web", "150m", "128Mi", "30s"}
	if len(table.Rows) != 1 || len(table.Rows[0].Cells) != len(want) {
		t.Fatalf("rows = %v, want one row %v", table.Rows, want)
	}
	for i, cell := range table.Rows[0].Cells {
		if cell != want[i] {
			t.Errorf("cell %d (%s) = %v, want %v", i, table.ColumnDefinitions[i].Name, cell, want[i])
		}
	}
}
