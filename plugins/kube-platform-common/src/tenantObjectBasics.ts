import type { TenantSpec } from './tenant';
import { entityRefName } from './tenant';

/** A Kubernetes object as rendered: plain data, ready for server-side apply. */
export interface KubernetesManifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [key: string]: unknown;
}

/** The field manager and label value that mark objects as ours. */
export const KUBE_PLATFORM_MANAGER = 'kube-platform';

/** Names of the roles every tenant gets. */
export const TENANT_ROLES = [
  'tenant-admin',
  'tenant-developer',
  'tenant-viewer',
] as const;

/** How Backstage identities become Kubernetes RBAC subjects. */
export interface SubjectNaming {
  user(ref: string): string;
  group(ref: string): string;
}

/** Users and groups are named after their entity names (`user:default/alice` → `alice`). */
export const ENTITY_NAME_SUBJECTS: SubjectNaming = {
  user: entityRefName,
  group: entityRefName,
};

/** API group of Roles and RoleBindings. */
export const RBAC = 'rbac.authorization.k8s.io';
/** The read verbs. */
export const READ = ['get', 'list', 'watch'];
/** Every verb but delete. */
export const WRITE_NO_DELETE = [...READ, 'create', 'update', 'patch'];

/** Labels every object of a tenant carries. */
export function tenantLabels(spec: TenantSpec): Record<string, string> {
  return {
    'app.kubernetes.io/managed-by': KUBE_PLATFORM_MANAGER,
    'kube-platform.io/tenant': spec.name,
  };
}

/** An object in the tenant's namespace, with the tenant's labels. */
export function namespaced(
  spec: TenantSpec,
  apiVersion: string,
  kind: string,
  name: string,
  body: object,
) {
  return {
    apiVersion,
    kind,
    metadata: { name, namespace: spec.namespace, labels: tenantLabels(spec) },
    ...body,
  } as KubernetesManifest;
}
