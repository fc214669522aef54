import { attributeEntityCost } from './attributeEntityCost';
import { claimCostItems } from './claimCostItems';
import {
  componentPodSelector,
  type CostCatalog,
  type CostComponent,
} from './costCatalog';

type Item = {
  id: number;
  cluster: string;
  namespace: string;
  labels: Record<string, string>;
  totalCost: number;
};

const SHOP = 'group:default/shop';
const PAYMENTS = 'group:default/payments';
const ENG = 'group:default/eng';
const both = [
  { namespace: 'tenant-shop-dev' }, // on every cluster
  { cluster: 'c2', namespace: 'tenant-shop-prod' },
];

const catalog: CostCatalog = {
  groups: [
    { ref: ENG },
    { ref: SHOP, parent: ENG },
    { ref: PAYMENTS, parent: 'Group:default/ENG' }, // refs compare case-insensitively
  ],
  systems: [{ ref: 'system:default/shop', owner: SHOP }],
  tenants: [
    {
      ref: 'resource:default/shop-dev',
      cluster: 'c1',
      namespace: 'tenant-shop-dev',
      owner: SHOP,
    },
    {
      ref: 'resource:default/shop-prod',
      cluster: 'c2',
      namespace: 'tenant-shop-prod',
      owner: SHOP,
    },
    {
      ref: 'resource:default/pay-dev',
      cluster: 'c1',
      namespace: 'tenant-pay-dev',
      owner: PAYMENTS,
    },
  ],
  components: [
    {
      ref: 'component:default/web',
      system: 'system:default/shop',
      namespaces: both,
      selector: { matchLabels: { app: 'shop' } },
    },
    {
      ref: 'component:default/web-frontend',
      owner: SHOP,
      system: 'system:default/shop',
      namespaces: both,
      selector: { matchLabels: { app: 'shop', tier: 'web' } },
    },
    {
      // Another group's component inside shop's tenant.
      ref: 'component:default/checkout',
      owner: PAYMENTS,
      namespaces: [{ namespace: 'tenant-shop-dev' }],
      selector: componentPodSelector({ kubernetesId: 'checkout' }),
    },
    {
      ref: 'component:default/nowhere',
      owner: SHOP,
      namespaces: [],
      selector: { matchLabels: { app: 'other' } },
    },
  ],
};

// Costs are powers of two, so every sum names exactly which items it holds.
const items: Item[] = [
  {
    id: 1,
    cluster: 'c1',
    namespace: 'tenant-shop-dev',
    labels: { app: 'shop', tier: 'web' },
    totalCost: 1,
  },
  {
    id: 2,
    cluster: 'c1',
    namespace: 'tenant-shop-dev',
    labels: { app: 'shop', tier: 'db' },
    totalCost: 2,
  },
  {
    id: 3,
    cluster: 'c1',
    namespace: 'tenant-shop-dev',
    labels: { 'backstage.io/kubernetes-id': 'checkout' },
    totalCost: 4,
  },
  {
    id: 4,
    cluster: 'c1',
    namespace: 'tenant-shop-dev',
    labels: { app: 'other' },
    totalCost: 8,
  },
  {
    id: 5,
    cluster: 'c2',
    namespace: 'tenant-shop-prod',
    labels: { app: 'shop' },
    totalCost: 16,
  },
  {
    id: 6,
    cluster: 'c1',
    namespace: 'tenant-pay-dev',
    labels: { app: 'shop' },
    totalCost: 32,
  },
  {
    id: 7,
    cluster: 'c2',
    namespace: 'tenant-shop-dev',
    labels: { app: 'shop' },
    totalCost: 64,
  },
];

function total(entityRef: string, includeChildren = false) {
  const result = attributeEntityCost(entityRef, catalog, items, {
    includeChildren,
  });
  return {
    ids: result.items.map(i => i.id),
    sum: result.items.reduce((s, i) => s + i.totalCost, 0),
    shares: Object.fromEntries(
      result.shares.map(s => [
        `${s.kind}:${s.ref}`,
        s.items.reduce((sum, i) => sum + i.totalCost, 0),
      ]),
    ),
  };
}

describe('claimCostItems', () => {
  it('gives each item at most one component: most specific selector, then ref', () => {
    expect(claimCostItems(items, catalog.components)).toEqual([
      'component:default/web-frontend', // app=shop,tier=web beats app=shop
      'component:default/web',
      'component:default/checkout', // via backstage.io/kubernetes-id
      undefined, // nowhere has no namespaces
      'component:default/web',
      undefined, // tenant-pay-dev is none of web's namespaces
      'component:default/web', // a placement without cluster holds on every cluster
    ]);
  });

  it('breaks ties by entity ref, whatever the catalog order', () => {
    const twin = (ref: string): CostComponent => ({
      ref,
      namespaces: [{ namespace: 'tenant-shop-dev' }],
      selector: { matchLabels: { app: 'shop' } },
    });
    const a = twin('component:default/a');
    const b = twin('component:default/B');
    expect(claimCostItems([items[1]], [b, a])).toEqual(['component:default/a']);
    expect(claimCostItems([items[1]], [a, b])).toEqual(['component:default/a']);
  });

  it('claims nothing for a component without a selector', () => {
    expect(componentPodSelector({})).toBeUndefined();
    expect(
      claimCostItems(items, [{ ref: 'component:default/x', namespaces: both }]),
    ).toEqual(items.map(() => undefined));
  });

  it('prefers the label-selector annotation over kubernetes-id', () => {
    expect(
      componentPodSelector({
        labelSelector: { matchLabels: { app: 'shop' } },
        kubernetesId: 'web',
      }),
    ).toEqual({ matchLabels: { app: 'shop' } });
  });
});

describe('attributeEntityCost', () => {
  it('gives a component the items it claims only', () => {
    expect(total('component:default/web').sum).toBe(82); // 2 + 16 + 64
    expect(total('component:default/web-frontend').sum).toBe(1);
    expect(total('component:default/checkout').sum).toBe(4);
    expect(total('component:default/nowhere')).toEqual({
      ids: [],
      sum: 0,
      shares: {},
    });
  });

  it('gives a system the sum of its components', () => {
    expect(total('system:default/shop')).toEqual({
      ids: [1, 2, 5, 7],
      sum: 83, // 82 + 1
      shares: {
        'component:component:default/web-frontend': 1,
        'component:component:default/web': 82,
      },
    });
  });

  it("gives a tenant its namespace, with no component's share above it", () => {
    const tenant = total('resource:default/shop-dev');
    expect(tenant.sum).toBe(15); // 1 + 2 + 4 + 8, the whole of c1/tenant-shop-dev
    expect(tenant.shares).toEqual({
      'component:component:default/web-frontend': 1,
      'component:component:default/web': 2,
      'component:component:default/checkout': 4,
      'unallocated:resource:default/shop-dev': 8,
    });
    const components = 1 + 2 + 4;
    expect(components).toBeLessThanOrEqual(tenant.sum);
  });

  it('gives a group its tenants plus what it owns, each item once', () => {
    const shop = total(SHOP);
    // tenants: shop-dev {1,2,3,4} + shop-prod {5}; owned: web-frontend {1},
    // system shop → web {2,5,7}; union {1,2,3,4,5,7} = 1 + 2 + 4 + 8 + 16 + 64
    expect(shop.ids).toEqual([1, 2, 3, 4, 5, 7]);
    expect(shop.sum).toBe(95);
    expect(shop.shares['unallocated:resource:default/shop-dev']).toBe(8);
    // payments: tenant pay-dev {6} + its component checkout {3}
    expect(total(PAYMENTS).sum).toBe(36);
  });

  it('adds child groups with includeChildren, still counting each item once', () => {
    expect(total(ENG).sum).toBe(0);
    const eng = total(ENG, true);
    // shop (95) and payments (36) share item 3 (4): 95 + 36 − 4 = 127, every item once
    expect(eng.ids).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(eng.sum).toBe(127);
  });

  it('survives a cycle in the group tree', () => {
    const cyclic: CostCatalog = {
      ...catalog,
      groups: [
        { ref: SHOP, parent: PAYMENTS },
        { ref: PAYMENTS, parent: SHOP },
      ],
    };
    const result = attributeEntityCost(SHOP, cyclic, items, {
      includeChildren: true,
    });
    expect(result.items.map(i => i.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
