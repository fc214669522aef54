package main

import (
	"testing"

	"k8s.io/apimachinery/pkg/runtime/schema"
)

func TestUnprioritized(t *testing.T) {
	paths := []string{
		"/api", "/api/v1", "/apis", "/apis/apps", "/apis/apps/v1", "/apis/metrics.k8s.io/v1beta1",
		"/apis/example.com/v1", "/healthz", "/openapi/v3",
	}
	missing := unprioritized(paths, apiServicePriorities())
	if len(missing) != 1 || missing[0] != (schema.GroupVersion{Group: "example.com", Version: "v1"}) {
		t.Errorf("unprioritized = %v, want [example.com/v1]", missing)
	}
}
