package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/util/wait"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/discovery/cached/memory"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/rest"
	"k8s.io/client-go/restmapper"
	"k8s.io/klog/v2"
)

const (
	// fieldManager owns the fields localcluster applies.
	fieldManager = "localcluster"
	// mappingTimeout bounds the wait for a kind to appear in discovery.
	mappingTimeout = 10 * time.Second
)

// manifestApplier server-side applies YAML manifests as the admin user.
type manifestApplier struct {
	dynamic dynamic.Interface
	mapper  meta.ResettableRESTMapper
}

func newManifestApplier(cfg *rest.Config) (*manifestApplier, error) {
	dyn, err := dynamic.NewForConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("creating dynamic client: %w", err)
	}
	disc, err := discovery.NewDiscoveryClientForConfig(cfg)
	if err != nil {
		return nil, fmt.Errorf("creating discovery client: %w", err)
	}
	return &manifestApplier{
		dynamic: dyn,
		mapper:  restmapper.NewDeferredDiscoveryRESTMapper(memory.NewMemCacheClient(disc)),
	}, nil
}

// applyFiles applies every object of each file in file and document order, so
// that a file can create a namespace before the objects in it. Applying with
// force makes it idempotent across restarts.
func (a *manifestApplier) applyFiles(ctx context.Context, files []string) error {
	for _, file := range files {
		objects, err := readManifests(file)
		if err != nil {
			return err
		}
		for _, obj := range objects {
			if err := a.apply(ctx, obj); err != nil {
				return fmt.Errorf("applying %s %s from %s: %w", obj.GetKind(), objectKey(obj), file, err)
			}
		}
		klog.InfoS("applied manifests", "file", file, "objects", len(objects))
	}
	return nil
}

func (a *manifestApplier) apply(ctx context.Context, obj *unstructured.Unstructured) error {
	mapping, err := a.mapping(ctx, obj)
	if err != nil {
		return err
	}
	var client dynamic.ResourceInterface = a.dynamic.Resource(mapping.Resource)
	if mapping.Scope.Name() == meta.RESTScopeNameNamespace {
		if obj.GetNamespace() == "" {
			return errors.New("namespaced object without metadata.namespace")
		}
		client = a.dynamic.Resource(mapping.Resource).Namespace(obj.GetNamespace())
	}
	_, err = client.Apply(ctx, obj.GetName(), obj, metav1.ApplyOptions{FieldManager: fieldManager, Force: true})
	return err
}

// mapping resolves the object's kind, refreshing discovery while a freshly
// started apiserver has not published every group yet.
func (a *manifestApplier) mapping(ctx context.Context, obj *unstructured.Unstructured) (*meta.RESTMapping, error) {
	gvk := obj.GroupVersionKind()
	var mapping *meta.RESTMapping
	err := wait.PollUntilContextTimeout(ctx, 200*time.Millisecond, mappingTimeout, true, func(context.Context) (bool, error) {
		m, err := a.mapper.RESTMapping(gvk.GroupKind(), gvk.Version)
		if meta.IsNoMatchError(err) {
			a.mapper.Reset()
			return false, nil
		}
		mapping = m
		return err == nil, err
	})
	if err != nil {
		return nil, fmt.Errorf("resolving %s: %w", gvk, err)
	}
	return mapping, nil
}

// readManifests decodes every non-empty document of a YAML (or JSON) file.
func readManifests(file string) ([]*unstructured.Unstructured, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("reading manifests: %w", err)
	}
	defer f.Close()
	decoder := utilyaml.NewYAMLOrJSONDecoder(f, 4096)
	var objects []*unstructured.Unstructured
	for {
		var doc map[string]interface{}
		if err := decoder.Decode(&doc); errors.Is(err, io.EOF) {
			return objects, nil
		} else if err != nil {
			return nil, fmt.Errorf("decoding %s: %w", file, err)
		}
		if len(doc) == 0 {
			continue
		}
		obj := &unstructured.Unstructured{Object: doc}
		if obj.GetKind() == "" || obj.GetAPIVersion() == "" || obj.GetName() == "" {
			return nil, fmt.Errorf("decoding %s: object %d has no apiVersion, kind or metadata.name", file, len(objects)+1)
		}
		objects = append(objects, obj)
	}
}

func objectKey(obj *unstructured.Unstructured) string {
	if ns := obj.GetNamespace(); ns != "" {
		return ns + "/" + obj.GetName()
	}
	return obj.GetName()
}
