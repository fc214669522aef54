import {
  podResources,
  type CostPod,
} from '@kube-platform/plugin-kube-platform-common';
import type { V1OwnerReference, V1Pod } from '@kubernetes/client-node';

/** What the cost cache keeps of a Pod: the cost model's input minus usage. */
export interface CachedPod extends Omit<CostPod, 'usage'> {
  phase: string;
  /** Pod-level limits in base units (cores, bytes). */
  limits: Record<string, number>;
}

const CRONJOB_JOB_SUFFIX = /^(.+)-\d{8,}$/;

/**
 * The workload that owns a pod, `Kind/name`: a ReplicaSet named
 * `<deployment>-<pod-template-hash>` (the Deployment controller's convention,
 * the hash also being the pod's `pod-template-hash` label) is its Deployment; a
 * Job named `<cronjob>-<scheduled minute>` is its CronJob; a pod without a
 * controller is `Pod/<name>`.
 */
export function ownerWorkload(
  name: string,
  labels: Record<string, string>,
  owners: readonly V1OwnerReference[] | undefined,
): string {
  const owner = owners?.find(o => o.controller) ?? owners?.[0];
  if (!owner) return `Pod/${name}`;
  const hash = labels['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) {
    return `Deployment/${owner.name.slice(0, -hash.length - 1)}`;
  }
  const cron = CRONJOB_JOB_SUFFIX.exec(owner.name);
  if (owner.kind === 'Job' && cron) return `CronJob/${cron[1]}`;
  return `${owner.kind}/${owner.name}`;
}

function epochMs(time: Date | string | undefined): number | undefined {
  if (time === undefined) return undefined;
  const ms = new Date(time).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

/** When the pod stopped running: its last container's finish, or its deletion. */
function podEndTime(pod: V1Pod): number | undefined {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') {
    const finished = (pod.status?.containerStatuses ?? [])
      .map(s => epochMs(s.state?.terminated?.finishedAt))
      .filter((t): t is number => t !== undefined);
    if (finished.length > 0) return Math.max(...finished);
    return epochMs(pod.metadata?.deletionTimestamp) ?? Date.now();
  }
  return epochMs(pod.metadata?.deletionTimestamp);
}

/** Trims a Pod to what cost allocation reads; drops the spec's and status's other fields. */
export function trimPod(pod: V1Pod): CachedPod {
  const name = pod.metadata?.name ?? '';
  const labels = { ...(pod.metadata?.labels ?? {}) };
  const resources = podResources(
    (pod.spec?.containers ?? []).map(c => c.resources ?? {}),
    (pod.spec?.initContainers ?? []).map(c => c.resources ?? {}),
  );
  const claimNames = (pod.spec?.volumes ?? [])
    .map(v => v.persistentVolumeClaim?.claimName)
    .filter((c): c is string => Boolean(c));
  const trimmed: CachedPod = {
    namespace: pod.metadata?.namespace ?? '',
    name,
    workload: ownerWorkload(name, labels, pod.metadata?.ownerReferences),
    labels,
    phase: pod.status?.phase ?? 'Unknown',
    requests: resources.requests,
    limits: resources.limits,
  };
  if (pod.spec?.nodeName) trimmed.nodeName = pod.spec.nodeName;
  const startTime = epochMs(pod.status?.startTime);
  if (startTime !== undefined) trimmed.startTime = startTime;
  const endTime = podEndTime(pod);
  if (endTime !== undefined) trimmed.endTime = endTime;
  if (claimNames.length > 0) trimmed.claimNames = claimNames;
  return trimmed;
}
