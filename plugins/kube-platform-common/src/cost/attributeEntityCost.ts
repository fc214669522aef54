import { type AttributableCost, claimCostItems } from './claimCostItems';
import { type CostCatalog, sameEntityRef } from './costCatalog';

/** A part of an entity's cost: what one component claimed, or what nobody claimed in one tenant. */
export interface CostShare<T> {
  kind: 'component' | 'unallocated';
  /** The component's ref, or the tenant's ref for its unallocated share. */
  ref: string;
  items: T[];
}

/** The items attributed to an entity, each once, and how they split. */
export interface EntityCostAttribution<T> {
  entityRef: string;
  /** Every item attributed to the entity, each exactly once. */
  items: T[];
  /** Disjoint shares whose items together are `items`. */
  shares: CostShare<T>[];
}

/** Options of {@link attributeEntityCost}. */
export interface AttributionOptions {
  /** For a Group: add its child groups, recursively. */
  includeChildren?: boolean;
}

/** The lower-case kind of an entity ref (`group:default/a` → `group`). */
export function entityRefKind(entityRef: string): string {
  return entityRef.split(':')[0].toLocaleLowerCase('en-US');
}

/** `root` and, with `children`, every descendant group of the catalog, each once. */
export function groupAndDescendantRefs(
  catalog: CostCatalog,
  root: string,
  children: boolean,
): string[] {
  const refs = [root];
  for (let i = 0; children && i < refs.length; i++) {
    for (const group of catalog.groups) {
      const seen = refs.some(r => sameEntityRef(r, group.ref));
      if (!seen && sameEntityRef(group.parent, refs[i])) refs.push(group.ref);
    }
  }
  return refs;
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** Whether a ref is one of `refs`, compared as {@link sameEntityRef} does, by a set lookup. */
function refIn(refs: readonly string[]): (ref?: string) => boolean {
  const set = new Set(refs.map(lower));
  return ref => ref !== undefined && set.has(lower(ref));
}

/** Components whose claims belong to the entity. */
function componentsInScope(
  catalog: CostCatalog,
  entityRef: string,
  groups: readonly string[],
): Set<string> {
  const kind = entityRefKind(entityRef);
  const owned = refIn(groups);
  const inSystem = refIn(
    catalog.systems
      .filter(s =>
        kind === 'system' ? sameEntityRef(s.ref, entityRef) : owned(s.owner),
      )
      .map(s => s.ref),
  );
  return new Set(
    catalog.components
      .filter(
        c =>
          (kind === 'component' && sameEntityRef(c.ref, entityRef)) ||
          (kind === 'group' && owned(c.owner)) ||
          inSystem(c.system),
      )
      .map(c => c.ref),
  );
}

/** Tenants whose whole namespace belongs to the entity. */
function tenantsInScope(
  catalog: CostCatalog,
  entityRef: string,
  groups: readonly string[],
) {
  const kind = entityRefKind(entityRef);
  const owned = refIn(groups);
  return catalog.tenants.filter(t =>
    kind === 'group' ? owned(t.owner) : sameEntityRef(t.ref, entityRef),
  );
}

/** The share an item falls in, or undefined when the entity does not pay for it. */
function shareOf(
  claimant: string | undefined,
  tenantRef: string | undefined,
  components: ReadonlySet<string>,
): Omit<CostShare<unknown>, 'items'> | undefined {
  if (claimant && (components.has(claimant) || tenantRef)) {
    return { kind: 'component', ref: claimant };
  }
  if (!claimant && tenantRef) return { kind: 'unallocated', ref: tenantRef };
  return undefined;
}

/**
 * The items (pod allocations or workload rows) an entity pays for, without
 * counting any item twice:
 * - a tenant Resource: every item of its namespace;
 * - a Component: the items it claims ({@link claimCostItems}: one claimant per item);
 * - a System: the items its components claim;
 * - a Group: every item of its tenants' namespaces, plus the items claimed by
 *   the components it owns directly or through its systems; with
 *   `includeChildren`, the same for every descendant group.
 * Shares split the result: one per claiming component, and per tenant the
 * items no component claims (`unallocated`). Claims are computed over the whole
 * catalog, so a pod claimed by another group's component is that component's
 * share even inside this group's tenant.
 */
export function attributeEntityCost<T extends AttributableCost>(
  entityRef: string,
  catalog: CostCatalog,
  items: readonly T[],
  options: AttributionOptions = {},
): EntityCostAttribution<T> {
  const groups =
    entityRefKind(entityRef) === 'group'
      ? groupAndDescendantRefs(
          catalog,
          entityRef,
          options.includeChildren ?? false,
        )
      : [];
  const components = componentsInScope(catalog, entityRef, groups);
  const tenants = tenantsInScope(catalog, entityRef, groups);
  const claims = claimCostItems(items, catalog.components);
  // By cluster, then namespace: no key string built per item.
  const tenantOf = new Map<string, Map<string, string>>();
  for (const t of tenants) {
    const inCluster = tenantOf.get(t.cluster) ?? new Map<string, string>();
    inCluster.set(t.namespace, t.ref);
    tenantOf.set(t.cluster, inCluster);
  }
  const shares = new Map<string, CostShare<T>>();
  const result: T[] = [];
  items.forEach((item, index) => {
    const share = shareOf(
      claims[index],
      tenantOf.get(item.cluster)?.get(item.namespace),
      components,
    );
    if (!share) return;
    const key = `${share.kind}:${share.ref}`;
    const existing = shares.get(key) ?? { ...share, items: [] };
    existing.items.push(item);
    shares.set(key, existing);
    result.push(item);
  });
  return { entityRef, items: result, shares: [...shares.values()] };
}
