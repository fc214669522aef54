import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  componentPodSelector,
  type CostCatalog,
  type CostComponent,
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
  tenantEntityRef,
} from '@kube-platform/plugin-kube-platform-common';
import type { StoredTenant } from '../database/TenantStore';
import { namespacesOfEntity } from '../service/entityQuota';
import { parseLabelSelectorAnnotation } from './parseLabelSelectorAnnotation';

function refOf(
  value: unknown,
  kind: string,
  namespace: string,
): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  return stringifyEntityRef(
    parseEntityRef(value, { defaultKind: kind, defaultNamespace: namespace }),
  );
}

function costComponent(entity: Entity, tenants: StoredTenant[]): CostComponent {
  const annotations = entity.metadata.annotations ?? {};
  const namespace = entity.metadata.namespace ?? 'default';
  const selector = componentPodSelector({
    labelSelector: parseLabelSelectorAnnotation(
      annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION],
    ),
    kubernetesId: annotations[KUBERNETES_ID_ANNOTATION],
  });
  return {
    ref: stringifyEntityRef(entity),
    owner: refOf(entity.spec?.owner, 'group', namespace),
    system: refOf(entity.spec?.system, 'system', namespace),
    namespaces: namespacesOfEntity(entity, tenants).map(p => ({
      ...(p.cluster ? { cluster: p.cluster } : {}),
      namespace: p.namespace,
    })),
    ...(selector ? { selector } : {}),
  };
}

/**
 * The part of the catalog cost attribution reads: components (owner, system,
 * namespaces from `backstage.io/kubernetes-namespace` or the tenant
 * annotation, pods from the label selector or kubernetes-id annotations),
 * systems, groups with their parents, and the stored tenants as the catalog's
 * tenant Resources.
 */
export async function loadCostCatalog(
  catalog: CatalogService,
  tenants: StoredTenant[],
  credentials: BackstageCredentials,
): Promise<CostCatalog> {
  const { items } = await catalog.getEntities(
    {
      filter: [{ kind: 'component' }, { kind: 'system' }, { kind: 'group' }],
      fields: ['kind', 'metadata', 'spec'],
    },
    { credentials },
  );
  const ofKind = (kind: string) =>
    items.filter(e => e.kind.toLocaleLowerCase('en-US') === kind);
  return {
    components: ofKind('component').map(e => costComponent(e, tenants)),
    systems: ofKind('system').map(e => ({
      ref: stringifyEntityRef(e),
      owner: refOf(e.spec?.owner, 'group', e.metadata.namespace ?? 'default'),
    })),
    groups: ofKind('group').map(e => ({
      ref: stringifyEntityRef(e),
      parent: refOf(e.spec?.parent, 'group', e.metadata.namespace ?? 'default'),
    })),
    tenants: tenants.map(t => ({
      ref: tenantEntityRef(t),
      cluster: t.cluster,
      namespace: t.namespace,
      owner: t.owner,
    })),
  };
}
