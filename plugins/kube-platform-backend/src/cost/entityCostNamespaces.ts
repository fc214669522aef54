import {
  type CostCatalog,
  entityRefKind,
  groupAndDescendantRefs,
  sameEntityRef,
} from '@kube-platform/plugin-kube-platform-common';

/** Above this many namespaces a filter costs more than it saves: read every row. */
const MAX_FILTERED_NAMESPACES = 2000;

/**
 * Names of the namespaces whose rows can be attributed to the entity (a
 * superset: attribution decides exactly), so a query reads those rows only:
 * its tenants' namespaces and the namespaces of the components it owns
 * directly or through its systems. Undefined = read everything.
 */
export function entityCostNamespaces(
  entityRef: string,
  catalog: CostCatalog,
  includeChildren: boolean,
): string[] | undefined {
  const kind = entityRefKind(entityRef);
  const groups =
    kind === 'group'
      ? groupAndDescendantRefs(catalog, entityRef, includeChildren)
      : [];
  const owned = (owner?: string) => groups.some(g => sameEntityRef(owner, g));
  const systems = catalog.systems
    .filter(s =>
      kind === 'system' ? sameEntityRef(s.ref, entityRef) : owned(s.owner),
    )
    .map(s => s.ref);
  const names = new Set<string>();
  for (const t of catalog.tenants) {
    if (kind === 'group' ? owned(t.owner) : sameEntityRef(t.ref, entityRef)) {
      names.add(t.namespace);
    }
  }
  for (const c of catalog.components) {
    const inScope =
      sameEntityRef(c.ref, entityRef) ||
      owned(c.owner) ||
      systems.some(s => sameEntityRef(c.system, s));
    if (inScope) c.namespaces.forEach(p => names.add(p.namespace));
  }
  return names.size > MAX_FILTERED_NAMESPACES ? undefined : [...names];
}
