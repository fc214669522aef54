import {
  type CostCatalog,
  sameEntityRef,
} from '@kube-platform/plugin-kube-platform-common';

/** Above this many namespaces a filter costs more than it saves: read every row. */
const MAX_FILTERED_NAMESPACES = 2000;

function kindOf(entityRef: string): string {
  return entityRef.split(':')[0].toLocaleLowerCase('en-US');
}

function groupAndDescendants(
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
  const kind = kindOf(entityRef);
  const groups =
    kind === 'group'
      ? groupAndDescendants(catalog, entityRef, includeChildren)
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
