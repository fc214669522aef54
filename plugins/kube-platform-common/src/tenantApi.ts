import type { NamespaceQuotaUsage } from './quotaUsage';
import type { TenantEnvironment, TenantSpec } from './tenant';

/** What happened to one object when a tenant was applied or deleted. */
export interface TenantObjectResult {
  kind: string;
  name: string;
  namespace?: string;
  outcome:
    | 'created'
    | 'configured'
    | 'unchanged'
    | 'deleted'
    | 'failed'
    | 'skipped'
    | 'drifted'
    | 'missing';
  message?: string;
}

/** Response of `POST /tenants`. 201 when anything changed, 200 when nothing did. */
export interface TenantProvisionResponse {
  operationId: string;
  cluster: string;
  namespace: string;
  name: string;
  /**
   * `created` for a new tenant, `updated` when objects changed, `unchanged` for a
   * no-op, `dry-run` when the cluster accepted every object in a dry-run only.
   */
  result: 'created' | 'updated' | 'unchanged' | 'dry-run';
  objects: TenantObjectResult[];
}

/** A tenant as listed. */
export interface TenantSummary {
  name: string;
  namespace: string;
  cluster: string;
  owner: string;
  environment: TenantEnvironment;
  costCenter: string;
  /** Monthly budget from the request (`"500"` or `"500 USD"`), when one was given. */
  budget?: string;
  /** When the tenant was first provisioned. */
  createdAt: string;
  /**
   * Phase of the namespace from the watch cache; `Missing` when it is gone;
   * `ClusterUnavailable` when its cluster is no longer registered.
   */
  phase: 'Active' | 'Terminating' | 'Missing' | 'ClusterUnavailable';
}

/** Live state of one managed object compared with what the tenant spec renders. */
export interface TenantObjectStatus {
  kind: string;
  name: string;
  namespace?: string;
  state: 'present' | 'drifted' | 'missing';
  /** Paths of fields that differ, for drifted objects. */
  drift?: string[];
}

/** Response of `GET /tenants/:cluster/:name`. */
export interface TenantDetails extends TenantSummary {
  spec: TenantSpec;
  objects: TenantObjectStatus[];
  quota?: NamespaceQuotaUsage;
}

/** One isolation check with its evidence. */
export interface IsolationCheck {
  id: string;
  description: string;
  passed: boolean;
  /** What was observed: the API server's answer or the object found. */
  evidence: string;
}

/** Response of `POST /tenants/:cluster/:name/verify`. */
export interface IsolationReport {
  cluster: string;
  namespace: string;
  passed: boolean;
  checks: IsolationCheck[];
  verifiedAt: string;
}

/** Response of `GET /entities/:kind/:namespace/:name/quota`. */
export interface EntityQuotaResponse {
  entityRef: string;
  namespaces: NamespaceQuotaUsage[];
}

/**
 * Why a tenant request cannot go ahead as asked: `invalid` (400), `reserved`
 * namespace (400), `needs-elevation` beyond the preset's guard rails without
 * `kube-platform.tenant.elevate` (403), `overcommit` of the cluster (409).
 */
export interface TenantGuardrailIssue {
  /** Path of the request field, such as `security.podSecurityStandard` or `quota.limits.cpu`. */
  field: string;
  code: 'invalid' | 'reserved' | 'needs-elevation' | 'overcommit';
  message: string;
}

/** Response of `POST /tenants/guardrails`: what the signed-in user may request, before submitting. */
export interface TenantGuardrailsReport {
  /** The namespace the request would create. */
  namespace: string;
  /** Whether the caller holds `kube-platform.tenant.elevate` for this tenant. */
  elevationAllowed: boolean;
  /** Empty when the request would be accepted by the guard rails. */
  issues: TenantGuardrailIssue[];
}

/** Events topic on which the backend announces created, changed and deleted tenants. */
export const KUBE_PLATFORM_TENANTS_TOPIC = 'kube-platform.tenants';
