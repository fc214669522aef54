import {
  type FederatedApp,
  type FederatedAppInput,
  federatedAppSchema,
} from './federatedApp';
import {
  type FederatedAppForm,
  type FederatedAppFormInput,
  federatedAppFormSchema,
  formPlacementClusters,
  formPorts,
} from './federatedAppForm';
import type { ClusterOverride } from './overrides';
import { FEDERATED_APP_LABELS } from './renderFederatedApp';

/**
 * Turns the template's form into a FederatedApp: a Deployment (one container
 * named after the app), a Service when ports are given, both selecting the app's
 * `kube-platform.io/federated-app` label; replicas planned by a
 * ReplicaSchedulingPreference over the placement (weights, default 1; a cluster's
 * pinned replicas as min = max); image tag and env per cluster as KubeFed overrides.
 *
 * @throws ZodError naming the form field (or, for what only the app can check, the app field).
 */
export function federatedAppFromForm(
  input: FederatedAppFormInput | FederatedAppForm,
): FederatedApp {
  const form = federatedAppFormSchema.parse(input);
  const app: FederatedAppInput = {
    name: form.name,
    namespace: form.namespace,
    owner: form.owner,
    ...(form.component ? { component: form.component } : {}),
    template: formTemplate(form),
    placement: formPlacement(form),
    overrides: formOverrides(form),
    replicaScheduling: {
      totalReplicas: form.totalReplicas,
      rebalance: false,
      // Placement decides the clusters; preferences only weigh them.
      intersectWithClusterSelector: true,
      clusters: formPreferences(form),
    },
    failover: form.failover,
  };
  return federatedAppSchema.parse(app);
}

function formTemplate(form: FederatedAppForm): FederatedAppInput['template'] {
  const selector = { [FEDERATED_APP_LABELS.federatedApp]: form.name };
  const labels = { 'app.kubernetes.io/name': form.name };
  const ports = formPorts(form);
  const container: Record<string, unknown> = {
    name: form.name,
    image: form.image,
  };
  if (ports.length) {
    container.ports = ports.map(port => ({
      containerPort: port,
      protocol: 'TCP',
    }));
  }
  const resources = formResources(form);
  if (resources) container.resources = resources;
  if (form.env?.length) container.env = form.env;
  const template: FederatedAppInput['template'] = {
    deployment: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { labels },
      spec: {
        selector: { matchLabels: selector },
        template: {
          metadata: { labels: { ...labels, ...selector } },
          spec: { containers: [container as { name: string; image: string }] },
        },
      },
    },
  };
  if (ports.length) {
    template.service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { labels },
      spec: {
        selector,
        ports: ports.map(port => ({
          name: `tcp-${port}`,
          port,
          targetPort: port,
          protocol: 'TCP',
        })),
      },
    };
  }
  return template;
}

function formResources(form: FederatedAppForm) {
  const pick = (m?: { cpu?: string; memory?: string }) => {
    const entries = Object.entries(m ?? {}).filter(([, v]) => v !== undefined);
    return entries.length ? Object.fromEntries(entries) : undefined;
  };
  const requests = pick(form.resources?.requests);
  const limits = pick(form.resources?.limits);
  if (!requests && !limits) return undefined;
  return { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
}

function formPlacement(form: FederatedAppForm): FederatedAppInput['placement'] {
  const clusters = formPlacementClusters(form);
  if (clusters) return { clusters: clusters.map(name => ({ name })) };
  return { clusterSelector: { matchLabels: { ...form.clusterLabels } } };
}

function formPreferences(form: FederatedAppForm) {
  const prefs: Record<
    string,
    { weight: number; minReplicas?: number; maxReplicas?: number }
  > = { '*': { weight: 1 } };
  for (const { cluster, weight } of form.weights ?? []) {
    prefs[cluster] = { weight };
  }
  for (const { cluster, replicas } of form.overrides ?? []) {
    if (replicas === undefined) continue;
    prefs[cluster] = {
      weight: prefs[cluster]?.weight ?? 1,
      minReplicas: replicas,
      maxReplicas: replicas,
    };
  }
  return prefs;
}

function formOverrides(form: FederatedAppForm): FederatedAppInput['overrides'] {
  const containerPath = '/spec/template/spec/containers/0';
  return (form.overrides ?? []).flatMap(override => {
    const ops: ClusterOverride[] = [];
    if (override.imageTag) {
      ops.push({
        op: 'replace',
        path: `${containerPath}/image`,
        value: `${imageRepository(form.image)}:${override.imageTag}`,
      });
    }
    if (override.env?.length) {
      // `add` on an object member creates or replaces it (JSON patch).
      ops.push({
        op: 'add',
        path: `${containerPath}/env`,
        value: mergeEnv(form.env ?? [], override.env),
      });
    }
    return ops.length
      ? [{ clusterName: override.cluster, clusterOverrides: ops }]
      : [];
  });
}

/** `registry:5000/team/web:1.2@sha256:…` → `registry:5000/team/web`. */
export function imageRepository(image: string): string {
  const withoutDigest = image.split('@')[0];
  const colon = withoutDigest.lastIndexOf(':');
  return colon > withoutDigest.lastIndexOf('/')
    ? withoutDigest.slice(0, colon)
    : withoutDigest;
}

/** The base env with the cluster's values replacing same-named ones, new names appended. */
function mergeEnv(
  base: Array<{ name: string; value: string }>,
  cluster: Array<{ name: string; value: string }>,
) {
  const byName = new Map(cluster.map(e => [e.name, e.value]));
  const merged = base.map(e => ({
    name: e.name,
    value: byName.has(e.name) ? byName.get(e.name)! : e.value,
  }));
  const baseNames = new Set(base.map(e => e.name));
  return [...merged, ...cluster.filter(e => !baseNames.has(e.name))];
}
