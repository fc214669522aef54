import type { Entity } from '@backstage/catalog-model';
import { isQuotaAvailable } from '../EntityQuota/isQuotaAvailable';

/**
 * True for entities cost is attributed to: Groups (their tenants), tenant
 * namespace Resources, and Components or Systems annotated with their
 * namespaces or tenant — the same entities that have quota.
 */
export function isCostAvailable(entity: Entity): boolean {
  return isQuotaAvailable(entity);
}

/** True for Groups, whose cost may include their child groups'. */
export function isGroup(entity: Entity): boolean {
  return entity.kind.toLocaleLowerCase('en-US') === 'group';
}
