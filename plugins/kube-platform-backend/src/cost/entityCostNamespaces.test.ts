import type { CostCatalog } from '@kube-platform/plugin-kube-platform-common';
import { entityCostNamespaces } from './entityCostNamespaces';

const catalog: CostCatalog = {
  groups: [
    { ref: 'group:default/alpha' },
    { ref: 'group:default/alpha-web', parent: 'group:default/alpha' },
    { ref: 'group:default/beta' },
  ],
  systems: [{ ref: 'system:default/shop', owner: 'group:default/alpha' }],
  components: [
    {
      ref: 'component:default/web',
      system: 'system:default/shop',
      namespaces: [{ namespace: 'shop' }],
    },
    {
      ref: 'component:default/api',
      owner: 'group:default/alpha-web',
      namespaces: [{ cluster: 'c1', namespace: 'api' }],
    },
    {
      ref: 'component:default/other',
      owner: 'group:default/beta',
      namespaces: [{ namespace: 'other' }],
    },
  ],
  tenants: [
    {
      ref: 'resource:default/c1-a',
      cluster: 'c1',
      namespace: 'a',
      owner: 'group:default/alpha',
    },
    {
      ref: 'resource:default/c2-w',
      cluster: 'c2',
      namespace: 'w',
      owner: 'group:default/alpha-web',
    },
    {
      ref: 'resource:default/c1-b',
      cluster: 'c1',
      namespace: 'b',
      owner: 'group:default/beta',
    },
  ],
};

describe('entityCostNamespaces', () => {
  it('reads a group’s tenants and the components it owns directly or through systems', () => {
    expect(
      entityCostNamespaces('group:default/alpha', catalog, false)?.sort(),
    ).toEqual(['a', 'shop']);
    expect(
      entityCostNamespaces('group:default/alpha', catalog, true)?.sort(),
    ).toEqual(['a', 'api', 'shop', 'w']);
  });

  it('reads a system’s components, a component’s namespaces and a tenant’s namespace', () => {
    expect(entityCostNamespaces('system:default/shop', catalog, false)).toEqual(
      ['shop'],
    );
    expect(
      entityCostNamespaces('Component:default/API', catalog, false),
    ).toEqual(['api']);
    expect(
      entityCostNamespaces('resource:default/c1-b', catalog, false),
    ).toEqual(['b']);
    expect(
      entityCostNamespaces('resource:default/unknown', catalog, false),
    ).toEqual([]);
  });
});
