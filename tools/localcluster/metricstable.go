package main

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/metrics/pkg/apis/metrics"
)

// metricsTable renders NodeMetrics and PodMetrics for `kubectl get` as
// Name, CPU, Memory and Window (a pod's usage summed over its containers).
type metricsTable struct{}

var metricsColumns = []metav1.TableColumnDefinition{
	{Name: "Name", Type: "string", Format: "name", Description: "Name of the node or pod"},
	{Name: "CPU", Type: "string", Format: "quantity", Description: "CPU usage"},
	{Name: "Memory", Type: "string", Format: "quantity", Description: "Memory usage (working set)"},
	{Name: "Window", Type: "string", Format: "duration", Description: "Window the usage was measured over"},
}

func (metricsTable) ConvertToTable(_ context.Context, object runtime.Object, _ runtime.Object) (*metav1.Table, error) {
	table := &metav1.Table{ColumnDefinitions: metricsColumns}
	if m, err := meta.ListAccessor(object); err == nil {
		table.ResourceVersion = m.GetResourceVersion()
	}
	switch obj := object.(type) {
	case *metrics.PodMetrics:
		table.Rows = append(table.Rows, podMetricsRow(obj))
	case *metrics.PodMetricsList:
		for i := range obj.Items {
			table.Rows = append(table.Rows, podMetricsRow(&obj.Items[i]))
		}
	case *metrics.NodeMetrics:
		table.Rows = append(table.Rows, metricsRow(obj, obj.Name, obj.Usage, obj.Window))
	case *metrics.NodeMetricsList:
		for i := range obj.Items {
			n := &obj.Items[i]
			table.Rows = append(table.Rows, metricsRow(n, n.Name, n.Usage, n.Window))
		}
	default:
		return nil, fmt.Errorf("no table for %T", object)
	}
	return table, nil
}

func podMetricsRow(pod *metrics.PodMetrics) metav1.TableRow {
	total := corev1.ResourceList{}
	for _, c := range pod.Containers {
		for name, q := range c.Usage {
			sum := total[name]
			sum.Add(q)
			total[name] = sum
		}
	}
	return metricsRow(pod, pod.Name, total, pod.Window)
}

func metricsRow(obj runtime.Object, name string, usage corev1.ResourceList, window metav1.Duration) metav1.TableRow {
	cpu, memory := usage[corev1.ResourceCPU], usage[corev1.ResourceMemory]
	return metav1.TableRow{
		Cells:  []any{name, cpu.String(), memory.String(), window.Duration.String()},
		Object: runtime.RawExtension{Object: obj},
	}
}
