import { KUBE_PLATFORM_ANNOTATIONS } from '../cluster';
import type { FederatedApp } from './federatedApp';
import { applyOverrides, cloneJson } from './overrides';

/** Labels every object of a federated app carries. */
export const FEDERATED_APP_LABELS = {
  managedBy: 'app.kubernetes.io/managed-by',
  federatedApp: KUBE_PLATFORM_ANNOTATIONS.federatedApp,
  kubernetesId: 'backstage.io/kubernetes-id',
} as const;

/** Value of `app.kubernetes.io/managed-by` on what we render. */
export const MANAGED_BY_KUBE_PLATFORM = 'kube-platform';

/** A rendered Kubernetes object. */
export interface RenderedObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace: string;
    labels: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** The objects of one target cluster. */
export interface RenderedCluster {
  cluster: string;
  replicas: number;
  /** Deployment first, then Service, then ConfigMaps in template order. */
  objects: RenderedObject[];
}

/**
 * Renders a federated app for every cluster of the plan, sorted by cluster name:
 * overrides applied to the Deployment, the planned `spec.replicas`, our labels on
 * every object and pod, and the Deployment's selector kept within its pod labels.
 *
 * @throws OverrideError when an override does not fit the Deployment.
 */
export function renderFederatedApp(
  app: FederatedApp,
  plan: Record<string, number>,
): RenderedCluster[] {
  return Object.keys(plan)
    .sort()
    .map(cluster => ({
      cluster,
      replicas: plan[cluster],
      objects: renderClusterObjects(app, cluster, plan[cluster]),
    }));
}

/** Labels identifying the app's objects, and the component for the Kubernetes tab. */
export function federatedAppLabels(app: FederatedApp): Record<string, string> {
  const labels: Record<string, string> = {
    [FEDERATED_APP_LABELS.managedBy]: MANAGED_BY_KUBE_PLATFORM,
    [FEDERATED_APP_LABELS.federatedApp]: app.name,
  };
  if (app.component) {
    labels[FEDERATED_APP_LABELS.kubernetesId] = componentName(app.component);
  }
  return labels;
}

/** The Deployment's selector: the template's, or our app label. */
export function federatedAppSelector(
  app: FederatedApp,
): Record<string, string> {
  return (
    app.template.deployment.spec.selector?.matchLabels ?? {
      [FEDERATED_APP_LABELS.federatedApp]: app.name,
    }
  );
}

function renderClusterObjects(
  app: FederatedApp,
  cluster: string,
  replicas: number,
): RenderedObject[] {
  const overrides =
    app.overrides.find(o => o.clusterName === cluster)?.clusterOverrides ?? [];
  const objects = [renderDeployment(app, cluster, overrides, replicas)];
  if (app.template.service) {
    objects.push(renderService(app));
  }
  for (const configMap of app.template.configMaps ?? []) {
    objects.push(withIdentity(app, configMap, configMap.metadata.name));
  }
  return objects;
}

/** The name of the app's Deployment on every cluster. */
export function federatedDeploymentName(app: FederatedApp): string {
  return app.template.deployment.metadata?.name ?? app.name;
}

function renderDeployment(
  app: FederatedApp,
  cluster: string,
  overrides: FederatedApp['overrides'][number]['clusterOverrides'],
  replicas: number,
): RenderedObject {
  const { deployment } = app.template;
  const overridden = applyOverrides(deployment, overrides, cluster);
  const rendered = withIdentity(app, overridden, federatedDeploymentName(app));
  const spec = rendered.spec as Record<string, any>;
  const selector = federatedAppSelector(app);
  spec.replicas = replicas;
  spec.selector = { matchLabels: { ...selector } };
  spec.template = spec.template ?? {};
  spec.template.metadata = spec.template.metadata ?? {};
  spec.template.metadata.labels = sortKeys({
    ...(spec.template.metadata.labels ?? {}),
    ...federatedAppLabels(app),
    ...selector,
  });
  return rendered;
}

function renderService(app: FederatedApp): RenderedObject {
  const service = app.template.service!;
  const rendered = withIdentity(
    app,
    service,
    service.metadata?.name ?? app.name,
  );
  const spec = rendered.spec as Record<string, unknown>;
  if (spec.selector === undefined && spec.type !== 'ExternalName') {
    spec.selector = { ...federatedAppSelector(app) };
  }
  return rendered;
}

/** Copies the object with its name, the app's namespace and our labels. */
function withIdentity(
  app: FederatedApp,
  object: { metadata?: { labels?: Record<string, string> } } & object,
  name: string,
): RenderedObject {
  const copy = cloneJson(object) as unknown as RenderedObject;
  copy.metadata = {
    ...(copy.metadata ?? {}),
    name,
    namespace: app.namespace,
    labels: sortKeys({
      ...(copy.metadata?.labels ?? {}),
      ...federatedAppLabels(app),
    }),
  };
  return copy;
}

/** `component:default/web` → `web`. */
function componentName(ref: string): string {
  const afterKind = ref.includes(':') ? ref.slice(ref.indexOf(':') + 1) : ref;
  return afterKind.includes('/')
    ? afterKind.slice(afterKind.indexOf('/') + 1)
    : afterKind;
}

function sortKeys(labels: Record<string, string>): Record<string, string> {
  const keys = Object.keys(labels).sort();
  return Object.fromEntries(keys.map(key => [key, labels[key]]));
}
