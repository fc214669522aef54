package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
	"k8s.io/klog/v2"
	"k8s.io/utils/ptr"
)

const (
	simulatedLabel  = "localcluster.kube-platform.io/simulated"
	leaseDuration   = 40
	leaseRenewEvery = 10 * time.Second
	statusEvery     = 30 * time.Second
	kubeletVersion  = "v1.36.3"
	podWorkers      = 4
)

// nodeSimulator stands in for kubelets: it keeps fake nodes Ready and moves
// pods bound to them to Running/Ready, finishing deletions immediately.
type nodeSimulator struct {
	client kubernetes.Interface
	nodes  []*corev1.Node
	owned  map[string]int
	queue  workqueue.TypedRateLimitingInterface[string]
	pods   corelisters.PodLister
	mu     sync.Mutex
	nextIP map[string]int
}

func newNodeSimulator(client kubernetes.Interface, o *options) (*nodeSimulator, error) {
	cpu, err := resource.ParseQuantity(o.NodeCPU)
	if err != nil {
		return nil, fmt.Errorf("parsing node cpu: %w", err)
	}
	mem, err := resource.ParseQuantity(o.NodeMemory)
	if err != nil {
		return nil, fmt.Errorf("parsing node memory: %w", err)
	}
	capacity := corev1.ResourceList{
		corev1.ResourceCPU:              cpu,
		corev1.ResourceMemory:           mem,
		corev1.ResourcePods:             *resource.NewQuantity(int64(o.NodePods), resource.DecimalSI),
		corev1.ResourceEphemeralStorage: resource.MustParse("100Gi"),
	}
	s := &nodeSimulator{
		client: client,
		owned:  map[string]int{},
		nextIP: map[string]int{},
		queue:  workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[string]()),
	}
	for i := 1; i <= o.Nodes; i++ {
		name := fmt.Sprintf("%s-node-%d", o.Name, i)
		labels := map[string]string{
			"kubernetes.io/hostname": name,
			"kubernetes.io/os":       "linux",
			"kubernetes.io/arch":     "amd64",
			simulatedLabel:           "true",
		}
		for k, v := range o.Labels {
			labels[k] = v
		}
		s.owned[name] = i
		s.nodes = append(s.nodes, &corev1.Node{
			ObjectMeta: metav1.ObjectMeta{Name: name, Labels: labels},
			Status: corev1.NodeStatus{
				Capacity:    capacity,
				Allocatable: capacity,
				Addresses: []corev1.NodeAddress{
					{Type: corev1.NodeInternalIP, Address: fmt.Sprintf("10.0.0.%d", i+1)},
					{Type: corev1.NodeHostName, Address: name},
				},
				NodeInfo: corev1.NodeSystemInfo{
					KubeletVersion:          kubeletVersion,
					OperatingSystem:         "linux",
					Architecture:            "amd64",
					ContainerRuntimeVersion: "localcluster://simulated",
				},
				Phase: corev1.NodeRunning,
			},
		})
	}
	return s, nil
}

// registerNodes creates or refreshes the nodes and marks them Ready so that
// the cluster can schedule as soon as it reports ready.
func (s *nodeSimulator) registerNodes(ctx context.Context) error {
	for _, want := range s.nodes {
		err := wait.PollUntilContextTimeout(ctx, 200*time.Millisecond, 30*time.Second, true, func(ctx context.Context) (bool, error) {
			if err := s.registerNode(ctx, want); err != nil {
				klog.V(2).InfoS("registering node, will retry", "node", want.Name, "err", err)
				return false, nil
			}
			return true, nil
		})
		if err != nil {
			return fmt.Errorf("registering node %s: %w", want.Name, err)
		}
	}
	return nil
}

func (s *nodeSimulator) registerNode(ctx context.Context, want *corev1.Node) error {
	nodes := s.client.CoreV1().Nodes()
	node, err := nodes.Get(ctx, want.Name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		node, err = nodes.Create(ctx, &corev1.Node{ObjectMeta: want.ObjectMeta}, metav1.CreateOptions{})
	}
	if err != nil {
		return err
	}
	// Labels set by users are kept; ours are re-asserted.
	changed := false
	if node.Labels == nil {
		node.Labels = map[string]string{}
	}
	for k, v := range want.Labels {
		if node.Labels[k] != v {
			node.Labels[k] = v
			changed = true
		}
	}
	// TaintNodesByCondition adds not-ready at creation; drop it now instead of
	// waiting for the node-lifecycle controller's next pass.
	var taints []corev1.Taint
	for _, t := range node.Spec.Taints {
		if t.Key == corev1.TaintNodeNotReady {
			changed = true
			continue
		}
		taints = append(taints, t)
	}
	node.Spec.Taints = taints
	if changed {
		if node, err = nodes.Update(ctx, node, metav1.UpdateOptions{}); err != nil {
			return err
		}
	}
	conditions := nodeConditions()
	for i := range conditions {
		for _, prev := range node.Status.Conditions {
			if prev.Type == conditions[i].Type && prev.Status == conditions[i].Status {
				conditions[i].LastTransitionTime = prev.LastTransitionTime
			}
		}
	}
	node.Status = *want.Status.DeepCopy()
	node.Status.Conditions = conditions
	if _, err = nodes.UpdateStatus(ctx, node, metav1.UpdateOptions{}); err != nil {
		return err
	}
	return s.renewLease(ctx, node)
}

func nodeConditions() []corev1.NodeCondition {
	now := metav1.Now()
	cond := func(t corev1.NodeConditionType, st corev1.ConditionStatus, reason string) corev1.NodeCondition {
		return corev1.NodeCondition{Type: t, Status: st, Reason: reason, LastHeartbeatTime: now, LastTransitionTime: now}
	}
	return []corev1.NodeCondition{
		cond(corev1.NodeReady, corev1.ConditionTrue, "KubeletReady"),
		cond(corev1.NodeMemoryPressure, corev1.ConditionFalse, "KubeletHasSufficientMemory"),
		cond(corev1.NodeDiskPressure, corev1.ConditionFalse, "KubeletHasNoDiskPressure"),
		cond(corev1.NodePIDPressure, corev1.ConditionFalse, "KubeletHasSufficientPID"),
	}
}

func (s *nodeSimulator) renewLease(ctx context.Context, node *corev1.Node) error {
	leases := s.client.CoordinationV1().Leases(corev1.NamespaceNodeLease)
	now := metav1.NewMicroTime(time.Now())
	lease, err := leases.Get(ctx, node.Name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		_, err = leases.Create(ctx, &coordinationv1.Lease{
			ObjectMeta: metav1.ObjectMeta{
				Name:      node.Name,
				Namespace: corev1.NamespaceNodeLease,
				OwnerReferences: []metav1.OwnerReference{{
					APIVersion: "v1", Kind: "Node", Name: node.Name, UID: node.UID,
				}},
			},
			Spec: coordinationv1.LeaseSpec{
				HolderIdentity:       ptr.To(node.Name),
				LeaseDurationSeconds: ptr.To[int32](leaseDuration),
				RenewTime:            &now,
			},
		}, metav1.CreateOptions{})
		return err
	}
	if err != nil {
		return err
	}
	lease.Spec.RenewTime = &now
	_, err = leases.Update(ctx, lease, metav1.UpdateOptions{})
	return err
}

// heartbeat keeps leases fresh and periodically re-posts Ready so the
// node-lifecycle controller never sees a stale node.
func (s *nodeSimulator) heartbeat(ctx context.Context) {
	lastStatus := time.Now()
	ticker := time.NewTicker(leaseRenewEvery)
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		postStatus := time.Since(lastStatus) >= statusEvery
		for _, want := range s.nodes {
			var err error
			if postStatus {
				err = s.registerNode(ctx, want)
			} else {
				var node *corev1.Node
				if node, err = s.client.CoreV1().Nodes().Get(ctx, want.Name, metav1.GetOptions{}); err == nil {
					err = s.renewLease(ctx, node)
				}
			}
			if err != nil && ctx.Err() == nil {
				klog.ErrorS(err, "node heartbeat failed", "node", want.Name)
			}
		}
		if postStatus {
			lastStatus = time.Now()
		}
	}
}

// runPods watches pods bound to simulated nodes until ctx ends.
func (s *nodeSimulator) runPods(ctx context.Context) {
	factory := informers.NewSharedInformerFactoryWithOptions(s.client, 0,
		informers.WithTweakListOptions(func(o *metav1.ListOptions) { o.FieldSelector = "spec.nodeName!=" }))
	inf := factory.Core().V1().Pods()
	enqueue := func(obj any) {
		pod, ok := obj.(*corev1.Pod)
		if !ok {
			return
		}
		if _, mine := s.owned[pod.Spec.NodeName]; mine {
			if key, err := cache.MetaNamespaceKeyFunc(pod); err == nil {
				s.queue.Add(key)
			}
		}
	}
	if _, err := inf.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc:    enqueue,
		UpdateFunc: func(_, obj any) { enqueue(obj) },
	}); err != nil {
		klog.ErrorS(err, "adding pod handler")
		return
	}
	s.pods = inf.Lister()
	factory.Start(ctx.Done())
	defer factory.Shutdown()
	cache.WaitForCacheSync(ctx.Done(), inf.Informer().HasSynced)

	var wg sync.WaitGroup
	for range podWorkers {
		wg.Go(func() {
			for s.processNext(ctx) {
			}
		})
	}
	<-ctx.Done()
	s.queue.ShutDown()
	wg.Wait()
}

func (s *nodeSimulator) processNext(ctx context.Context) bool {
	key, quit := s.queue.Get()
	if quit {
		return false
	}
	defer s.queue.Done(key)
	if err := s.syncPod(ctx, key); err != nil && ctx.Err() == nil {
		klog.V(2).InfoS("syncing pod, will retry", "pod", key, "err", err)
		s.queue.AddRateLimited(key)
		return true
	}
	s.queue.Forget(key)
	return true
}

func (s *nodeSimulator) syncPod(ctx context.Context, key string) error {
	ns, name, err := cache.SplitMetaNamespaceKey(key)
	if err != nil {
		return nil
	}
	pod, err := s.pods.Pods(ns).Get(name)
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if pod.DeletionTimestamp != nil {
		// No kubelet will ever confirm termination, so finish it here.
		err := s.client.CoreV1().Pods(ns).Delete(ctx, name, metav1.DeleteOptions{
			GracePeriodSeconds: ptr.To[int64](0),
			Preconditions:      &metav1.Preconditions{UID: &pod.UID},
		})
		if apierrors.IsNotFound(err) || apierrors.IsConflict(err) {
			return nil
		}
		return err
	}
	if pod.Status.Phase == corev1.PodSucceeded || pod.Status.Phase == corev1.PodFailed || podRunningReady(pod) {
		return nil
	}
	updated := pod.DeepCopy()
	s.setRunning(updated)
	_, err = s.client.CoreV1().Pods(ns).UpdateStatus(ctx, updated, metav1.UpdateOptions{})
	if apierrors.IsNotFound(err) {
		return nil
	}
	return err
}

func podRunningReady(pod *corev1.Pod) bool {
	if pod.Status.Phase != corev1.PodRunning || pod.Status.PodIP == "" {
		return false
	}
	for _, c := range pod.Status.Conditions {
		if c.Type == corev1.PodReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

func (s *nodeSimulator) setRunning(pod *corev1.Pod) {
	now := metav1.Now()
	idx := s.owned[pod.Spec.NodeName]
	st := &pod.Status
	st.Phase = corev1.PodRunning
	st.HostIP = fmt.Sprintf("10.0.0.%d", idx+1)
	st.HostIPs = []corev1.HostIP{{IP: st.HostIP}}
	if st.PodIP == "" {
		st.PodIP = s.allocatePodIP(pod.Spec.NodeName, idx)
		st.PodIPs = []corev1.PodIP{{IP: st.PodIP}}
	}
	if st.StartTime == nil {
		st.StartTime = &now
	}
	st.Conditions = nil
	for _, t := range []corev1.PodConditionType{
		corev1.PodReadyToStartContainers, corev1.PodInitialized, corev1.PodReady,
		corev1.ContainersReady, corev1.PodScheduled,
	} {
		st.Conditions = append(st.Conditions, corev1.PodCondition{Type: t, Status: corev1.ConditionTrue, LastTransitionTime: now})
	}
	st.InitContainerStatuses = nil
	for _, c := range pod.Spec.InitContainers {
		st.InitContainerStatuses = append(st.InitContainerStatuses, corev1.ContainerStatus{
			Name: c.Name, Image: c.Image, ImageID: c.Image, Ready: true,
			ContainerID: "localcluster://" + string(pod.UID) + "/" + c.Name,
			State: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{
				ExitCode: 0, Reason: "Completed", StartedAt: now, FinishedAt: now,
			}},
		})
	}
	st.ContainerStatuses = nil
	for _, c := range pod.Spec.Containers {
		st.ContainerStatuses = append(st.ContainerStatuses, corev1.ContainerStatus{
			Name: c.Name, Image: c.Image, ImageID: c.Image, Ready: true, Started: ptr.To(true),
			ContainerID: "localcluster://" + string(pod.UID) + "/" + c.Name,
			State:       corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: now}},
		})
	}
}

// allocatePodIP hands out addresses from a per-node /24; uniqueness only
// matters within the life of this process.
func (s *nodeSimulator) allocatePodIP(node string, idx int) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := s.nextIP[node]
	s.nextIP[node] = n + 1
	return fmt.Sprintf("10.244.%d.%d", idx%256, n%253+2)
}
