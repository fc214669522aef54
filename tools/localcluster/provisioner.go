package main

import (
	"context"
	"fmt"
	"strings"
	"sync"

	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	storagev1ac "k8s.io/client-go/applyconfigurations/storage/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	corelisters "k8s.io/client-go/listers/core/v1"
	storagelisters "k8s.io/client-go/listers/storage/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/klog/v2"
	"k8s.io/utils/ptr"
)

const (
	// storageClassName is localcluster's own StorageClass, marked default.
	storageClassName = "localcluster-standard"
	// provisionerName provisions storageClassName's volumes (simulated).
	provisionerName = "localcluster.kube-platform.io/simulated"
	// annStorageProvisioner is set on a claim by the PersistentVolume binder
	// to hand it to an external provisioner.
	annStorageProvisioner = "volume.kubernetes.io/storage-provisioner"
	// annProvisionedBy marks a volume with the provisioner that made it.
	annProvisionedBy     = "pv.kubernetes.io/provisioned-by"
	annDefaultClass      = "storageclass.kubernetes.io/is-default-class"
	provisionerWorkers   = 2
	pvcKeyPrefix         = "pvc/"
	pvKeyPrefix          = "pv/"
	simulatedVolumesRoot = "/var/lib/localcluster/volumes/"
)

// volumeProvisioner is the external provisioner of storageClassName, as the
// PersistentVolume binder expects one: it creates a volume pre-bound to each
// claim the binder hands it (the binder then binds the two), and deletes a
// volume of its own that the binder has released with reclaim policy Delete.
// Nothing is stored: the volume's source is a hostPath no kubelet mounts.
type volumeProvisioner struct {
	client  kubernetes.Interface
	claims  corelisters.PersistentVolumeClaimLister
	volumes corelisters.PersistentVolumeLister
	classes storagelisters.StorageClassLister
	queue   workqueue.TypedRateLimitingInterface[string]
	synced  []cache.InformerSynced
}

// newVolumeProvisioner registers its informers with factory; start the
// factory, then run.
func newVolumeProvisioner(client kubernetes.Interface, factory informers.SharedInformerFactory) (*volumeProvisioner, error) {
	p := &volumeProvisioner{
		client: client,
		queue:  workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[string]()),
	}
	claims := factory.Core().V1().PersistentVolumeClaims()
	volumes := factory.Core().V1().PersistentVolumes()
	classes := factory.Storage().V1().StorageClasses()
	p.claims, p.volumes, p.classes = claims.Lister(), volumes.Lister(), classes.Lister()
	for prefix, inf := range map[string]cache.SharedIndexInformer{
		pvcKeyPrefix: claims.Informer(), pvKeyPrefix: volumes.Informer(),
	} {
		enqueue := func(obj any) {
			if key, err := cache.MetaNamespaceKeyFunc(obj); err == nil {
				p.queue.Add(prefix + key)
			}
		}
		if _, err := inf.AddEventHandler(cache.ResourceEventHandlerFuncs{
			AddFunc:    enqueue,
			UpdateFunc: func(_, obj any) { enqueue(obj) },
		}); err != nil {
			return nil, fmt.Errorf("adding volume handler: %w", err)
		}
		p.synced = append(p.synced, inf.HasSynced)
	}
	p.synced = append(p.synced, classes.Informer().HasSynced)
	return p, nil
}

// ensureStorageClass server-side applies the default StorageClass.
func ensureStorageClass(ctx context.Context, client kubernetes.Interface) error {
	sc := storagev1ac.StorageClass(storageClassName).
		WithAnnotations(map[string]string{annDefaultClass: "true"}).
		WithLabels(map[string]string{simulatedLabel: "true"}).
		WithProvisioner(provisionerName).
		WithReclaimPolicy(corev1.PersistentVolumeReclaimDelete).
		WithVolumeBindingMode(storagev1.VolumeBindingImmediate).
		WithAllowVolumeExpansion(false)
	_, err := client.StorageV1().StorageClasses().Apply(ctx, sc, metav1.ApplyOptions{FieldManager: fieldManager, Force: true})
	if err != nil {
		return fmt.Errorf("applying storage class %s: %w", storageClassName, err)
	}
	return nil
}

// run works the queue until ctx ends.
func (p *volumeProvisioner) run(ctx context.Context) {
	defer p.queue.ShutDown()
	if !cache.WaitForCacheSync(ctx.Done(), p.synced...) {
		return
	}
	var wg sync.WaitGroup
	for range provisionerWorkers {
		wg.Go(func() {
			for p.processNext(ctx) {
			}
		})
	}
	<-ctx.Done()
	p.queue.ShutDown()
	wg.Wait()
}

func (p *volumeProvisioner) processNext(ctx context.Context) bool {
	key, quit := p.queue.Get()
	if quit {
		return false
	}
	defer p.queue.Done(key)
	var err error
	if rest, ok := strings.CutPrefix(key, pvcKeyPrefix); ok {
		err = p.syncClaim(ctx, rest)
	} else if rest, ok := strings.CutPrefix(key, pvKeyPrefix); ok {
		err = p.syncVolume(ctx, rest)
	}
	if err != nil && ctx.Err() == nil {
		klog.V(2).InfoS("syncing volume, will retry", "key", key, "err", err)
		p.queue.AddRateLimited(key)
		return true
	}
	p.queue.Forget(key)
	return true
}

// syncClaim provisions a volume for a claim the binder handed to us.
func (p *volumeProvisioner) syncClaim(ctx context.Context, key string) error {
	ns, name, err := cache.SplitMetaNamespaceKey(key)
	if err != nil {
		return nil
	}
	claim, err := p.claims.PersistentVolumeClaims(ns).Get(name)
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if claim.Spec.VolumeName != "" || claim.DeletionTimestamp != nil || claim.Annotations[annStorageProvisioner] != provisionerName {
		return nil
	}
	volumeName := "pvc-" + string(claim.UID)
	if _, err := p.volumes.Get(volumeName); err == nil {
		return nil
	}
	class, err := p.classes.Get(ptr.Deref(claim.Spec.StorageClassName, ""))
	if err != nil {
		return fmt.Errorf("storage class of claim %s: %w", key, err)
	}
	_, err = p.client.CoreV1().PersistentVolumes().Create(ctx, volumeFor(claim, class, volumeName), metav1.CreateOptions{})
	if err == nil {
		klog.InfoS("provisioned volume", "claim", key, "volume", volumeName)
	}
	if apierrors.IsAlreadyExists(err) {
		return nil
	}
	return err
}

// volumeFor is the volume of the claim's requested size, pre-bound to it.
func volumeFor(claim *corev1.PersistentVolumeClaim, class *storagev1.StorageClass, name string) *corev1.PersistentVolume {
	reclaim := corev1.PersistentVolumeReclaimDelete
	if class.ReclaimPolicy != nil {
		reclaim = *class.ReclaimPolicy
	}
	return &corev1.PersistentVolume{
		ObjectMeta: metav1.ObjectMeta{
			Name:        name,
			Labels:      map[string]string{simulatedLabel: "true"},
			Annotations: map[string]string{annProvisionedBy: provisionerName},
		},
		Spec: corev1.PersistentVolumeSpec{
			Capacity:                      corev1.ResourceList{corev1.ResourceStorage: claim.Spec.Resources.Requests[corev1.ResourceStorage]},
			AccessModes:                   claim.Spec.AccessModes,
			VolumeMode:                    claim.Spec.VolumeMode,
			StorageClassName:              class.Name,
			PersistentVolumeReclaimPolicy: reclaim,
			MountOptions:                  class.MountOptions,
			ClaimRef: &corev1.ObjectReference{
				Kind: "PersistentVolumeClaim", APIVersion: "v1",
				Namespace: claim.Namespace, Name: claim.Name, UID: claim.UID,
			},
			PersistentVolumeSource: corev1.PersistentVolumeSource{
				HostPath: &corev1.HostPathVolumeSource{Path: simulatedVolumesRoot + name},
			},
		},
	}
}

// syncVolume deletes a released volume of ours whose policy is Delete.
func (p *volumeProvisioner) syncVolume(ctx context.Context, name string) error {
	pv, err := p.volumes.Get(name)
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if pv.Annotations[annProvisionedBy] != provisionerName || pv.DeletionTimestamp != nil ||
		pv.Status.Phase != corev1.VolumeReleased || pv.Spec.PersistentVolumeReclaimPolicy != corev1.PersistentVolumeReclaimDelete {
		return nil
	}
	err = p.client.CoreV1().PersistentVolumes().Delete(ctx, name, metav1.DeleteOptions{
		Preconditions: &metav1.Preconditions{UID: &pv.UID},
	})
	if err == nil {
		klog.InfoS("deleted released volume", "volume", name)
	}
	if apierrors.IsNotFound(err) || apierrors.IsConflict(err) {
		return nil
	}
	return err
}
