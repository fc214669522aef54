package main

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestParseUsage(t *testing.T) {
	got, err := parseUsage(" cpu=250m, memory=200Mi ")
	if err != nil {
		t.Fatal(err)
	}
	if cpu := got[corev1.ResourceCPU]; cpu.MilliValue() != 250 {
		t.Errorf("cpu = %s, want 250m", cpu.String())
	}
	if mem := got[corev1.ResourceMemory]; mem.Value() != 200*1024*1024 {
		t.Errorf("memory = %s, want 200Mi", mem.String())
	}
	only, err := parseUsage("memory=1Gi")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := only[corev1.ResourceCPU]; ok || len(only) != 1 {
		t.Errorf("parseUsage(memory=1Gi) = %v, want memory only", only)
	}
}

func TestParseUsageRejects(t *testing.T) {
	for _, s := range []string{
		"", " , ", "cpu", "cpu=", "cpu=abc", "disk=1Gi", "cpu=1,cpu=2", "cpu=-1", "memory=1Gi;cpu=1",
	} {
		if got, err := parseUsage(s); err == nil {
			t.Errorf("parseUsage(%q) = %v, want an error", s, got)
		}
	}
}

func container(name, cpu, memory string) corev1.Container {
	requests := corev1.ResourceList{}
	if cpu != "" {
		requests[corev1.ResourceCPU] = resource.MustParse(cpu)
	}
	if memory != "" {
		requests[corev1.ResourceMemory] = resource.MustParse(memory)
	}
	return corev1.Container{Name: name, Resources: corev1.ResourceRequirements{Requests: requests}}
}

func pod(annotation string, containers ...corev1.Container) *corev1.Pod {
	p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "p", Namespace: "ns"}, Spec: corev1.PodSpec{Containers: containers}}
	if annotation != "" {
		p.Annotations = map[string]string{usageAnnotation: annotation}
	}
	return p
}

// usageOf returns each container's cpu (millicores) and memory (bytes).
func usageOf(t *testing.T, p *corev1.Pod) ([]int64, []int64, error) {
	t.Helper()
	usage, err := podUsage(p)
	var cpu, mem []int64
	for _, c := range usage {
		cpu = append(cpu, scaledValue(corev1.ResourceCPU, c.Usage[corev1.ResourceCPU]))
		mem = append(mem, scaledValue(corev1.ResourceMemory, c.Usage[corev1.ResourceMemory]))
	}
	return cpu, mem, err
}

func equal(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestPodUsageDefaultsToHalfOfRequests(t *testing.T) {
	cpu, mem, err := usageOf(t, pod("", container("a", "500m", "256Mi"), container("b", "", ""), container("c", "3m", "3")))
	if err != nil {
		t.Fatal(err)
	}
	// Rounded down to a millicore and a byte; no requests, no usage.
	if want := []int64{250, 0, 1}; !equal(cpu, want) {
		t.Errorf("cpu = %v, want %v", cpu, want)
	}
	if want := []int64{128 << 20, 0, 1}; !equal(mem, want) {
		t.Errorf("memory = %v, want %v", mem, want)
	}
}

func TestPodUsageSplitsAnnotationByRequests(t *testing.T) {
	p := pod("cpu=1,memory=1000", container("a", "300m", "1Gi"), container("b", "100m", "2Gi"))
	cpu, mem, err := usageOf(t, p)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{750, 250}; !equal(cpu, want) {
		t.Errorf("cpu = %v, want %v", cpu, want)
	}
	// 1000 × 1/3 = 333 (rounded down) + remainder 1 on the first container; 1000 × 2/3 = 666.
	if want := []int64{334, 666}; !equal(mem, want) {
		t.Errorf("memory = %v, want %v", mem, want)
	}
}

func TestPodUsageSplitsEvenlyWithoutRequests(t *testing.T) {
	cpu, mem, err := usageOf(t, pod("cpu=250m,memory=200Mi", container("a", "", ""), container("b", "", "")))
	if err != nil {
		t.Fatal(err)
	}
	if want := []int64{125, 125}; !equal(cpu, want) {
		t.Errorf("cpu = %v, want %v", cpu, want)
	}
	if want := []int64{100 << 20, 100 << 20}; !equal(mem, want) {
		t.Errorf("memory = %v, want %v", mem, want)
	}
}

func TestPodUsageSingleContainerEqualsAnnotation(t *testing.T) {
	usage, err := podUsage(pod("cpu=250m,memory=200Mi", container("app", "1", "1Gi")))
	if err != nil {
		t.Fatal(err)
	}
	if len(usage) != 1 {
		t.Fatalf("got %d containers, want 1", len(usage))
	}
	for name, want := range map[corev1.ResourceName]string{corev1.ResourceCPU: "250m", corev1.ResourceMemory: "200Mi"} {
		if got := usage[0].Usage[name]; got.Cmp(resource.MustParse(want)) != 0 || got.String() != want {
			t.Errorf("%s = %s, want %s", name, got.String(), want)
		}
	}
}

func TestPodUsagePartialAnnotationFallsBackPerResource(t *testing.T) {
	cpu, mem, err := usageOf(t, pod("memory=64Mi", container("a", "400m", "1Gi")))
	if err != nil {
		t.Fatal(err)
	}
	if !equal(cpu, []int64{200}) || !equal(mem, []int64{64 << 20}) {
		t.Errorf("usage = cpu %v memory %v, want cpu [200] memory [%d]", cpu, mem, 64<<20)
	}
}

func TestPodUsageInvalidAnnotationFallsBackToRequests(t *testing.T) {
	cpu, mem, err := usageOf(t, pod("cpu=lots", container("a", "400m", "1Gi")))
	if err == nil {
		t.Error("want the parse error reported")
	}
	if !equal(cpu, []int64{200}) || !equal(mem, []int64{512 << 20}) {
		t.Errorf("usage = cpu %v memory %v, want half of the requests", cpu, mem)
	}
}

func TestSplitProportionallyDoesNotOverflow(t *testing.T) {
	// 1 PiB split by weights in bytes: total × weight exceeds int64.
	total := int64(1) << 50
	parts := splitProportionally(total, []int64{1 << 40, 3 << 40})
	if parts[0]+parts[1] != total || parts[1] != 3*(total/4) {
		t.Errorf("parts = %v, want a quarter and three quarters of %d", parts, total)
	}
}

func resourceMilli(v int64) *resource.Quantity { q := quantityOf(corev1.ResourceCPU, v); return &q }
func resourceBytes(v int64) *resource.Quantity { q := quantityOf(corev1.ResourceMemory, v); return &q }
