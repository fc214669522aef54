package main

import (
	"fmt"
	"math/big"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

const (
	// usageAnnotation sets a pod's simulated usage, e.g. "cpu=250m,memory=200Mi".
	usageAnnotation = "localcluster.kube-platform.io/usage"
	// defaultUsagePercent is the share of its requests a container uses when
	// the pod has no (valid) usage annotation, or the annotation leaves a
	// resource out.
	defaultUsagePercent = 50
)

// usageResources are the resources the metrics API reports.
var usageResources = []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory}

// parseUsage parses the usage annotation: comma-separated resource=quantity
// pairs, each of cpu and memory at most once, quantities not negative.
func parseUsage(s string) (corev1.ResourceList, error) {
	out := corev1.ResourceList{}
	for _, pair := range strings.Split(s, ",") {
		pair = strings.TrimSpace(pair)
		if pair == "" {
			continue
		}
		key, value, ok := strings.Cut(pair, "=")
		name := corev1.ResourceName(strings.TrimSpace(key))
		if !ok || (name != corev1.ResourceCPU && name != corev1.ResourceMemory) {
			return nil, fmt.Errorf("invalid usage %q: want cpu=<quantity> or memory=<quantity>", pair)
		}
		if _, dup := out[name]; dup {
			return nil, fmt.Errorf("invalid usage: %s given twice", name)
		}
		q, err := resource.ParseQuantity(strings.TrimSpace(value))
		if err != nil {
			return nil, fmt.Errorf("invalid usage %q: %w", pair, err)
		}
		if q.Sign() < 0 {
			return nil, fmt.Errorf("invalid usage %q: negative", pair)
		}
		out[name] = q
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("invalid usage %q: empty", s)
	}
	return out, nil
}

// containerUsage is the simulated usage of one container.
type containerUsage struct {
	Name  string
	Usage corev1.ResourceList
}

// podUsage computes the usage of each of the pod's (regular) containers. A
// resource named in the annotation is the pod's total, split across the
// containers in proportion to their requests of it (evenly when none
// requests it), the rounding remainder going to the first container; any
// other resource is defaultUsagePercent of each container's request. An
// invalid annotation is reported and otherwise ignored.
func podUsage(pod *corev1.Pod) ([]containerUsage, error) {
	var annotated corev1.ResourceList
	var parseErr error
	if s, ok := pod.Annotations[usageAnnotation]; ok {
		annotated, parseErr = parseUsage(s)
	}
	out := make([]containerUsage, len(pod.Spec.Containers))
	for i, c := range pod.Spec.Containers {
		out[i] = containerUsage{Name: c.Name, Usage: corev1.ResourceList{}}
	}
	for _, name := range usageResources {
		requests := make([]int64, len(pod.Spec.Containers))
		for i, c := range pod.Spec.Containers {
			requests[i] = scaledValue(name, c.Resources.Requests[name])
		}
		var amounts []int64
		if total, ok := annotated[name]; ok {
			amounts = splitProportionally(scaledValue(name, total), requests)
		} else {
			amounts = shareOf(requests, defaultUsagePercent)
		}
		for i := range out {
			out[i].Usage[name] = quantityOf(name, amounts[i])
		}
	}
	return out, parseErr
}

// scaledValue is CPU in millicores and memory in bytes.
func scaledValue(name corev1.ResourceName, q resource.Quantity) int64 {
	if name == corev1.ResourceCPU {
		return q.MilliValue()
	}
	return q.Value()
}

func quantityOf(name corev1.ResourceName, v int64) resource.Quantity {
	if name == corev1.ResourceCPU {
		return *resource.NewMilliQuantity(v, resource.DecimalSI)
	}
	return *resource.NewQuantity(v, resource.BinarySI)
}

// splitProportionally splits total by weights, exactly: the parts add up to
// total, the remainder of rounding down goes to the first part. All-zero
// weights split evenly.
func splitProportionally(total int64, weights []int64) []int64 {
	parts := make([]int64, len(weights))
	if len(weights) == 0 {
		return parts
	}
	var sum int64
	for _, w := range weights {
		sum += w
	}
	if sum == 0 {
		weights = make([]int64, len(weights))
		for i := range weights {
			weights[i] = 1
		}
		sum = int64(len(weights))
	}
	var assigned int64
	for i, w := range weights {
		// total × w can overflow int64 for memory in bytes.
		p := new(big.Int).Mul(big.NewInt(total), big.NewInt(w))
		parts[i] = p.Quo(p, big.NewInt(sum)).Int64()
		assigned += parts[i]
	}
	parts[0] += total - assigned
	return parts
}

// shareOf is percent of each value, rounded down.
func shareOf(values []int64, percent int64) []int64 {
	out := make([]int64, len(values))
	for i, v := range values {
		out[i] = v/100*percent + v%100*percent/100
	}
	return out
}
