import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { scaffolderPlugin } from '@backstage/plugin-scaffolder';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import { kubePlatformApiRef } from './api/KubePlatformApi';
import { KubePlatformClient } from './api/KubePlatformClient';
import { clustersRouteRef } from './routes';
import {
  FEDERATION_PLAN_FIELD_NAME,
  FederationPlanField,
  validateFederationPlan,
} from './components/FederationPlanField';
import {
  TENANT_GUARDRAILS_FIELD_NAME,
  TenantGuardrailsField,
  validateTenantGuardrails,
} from './components/TenantGuardrailsField';

/** The Kube Platform frontend plugin (legacy frontend system). */
export const kubePlatformPlugin = createPlugin({
  id: 'kube-platform',
  apis: [
    createApiFactory({
      api: kubePlatformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new KubePlatformClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { clusters: clustersRouteRef },
});

/** The Clusters page: the registered cluster inventory. */
export const KubePlatformClustersPage = kubePlatformPlugin.provide(
  createRoutableExtension({
    name: 'KubePlatformClustersPage',
    component: () =>
      import('./components/ClustersPage').then(m => m.ClustersPage),
    mountPoint: clustersRouteRef,
  }),
);

/** Card for `kubernetes-cluster` Resource entity pages: health, capacity against quota, cache freshness. */
export const EntityKubePlatformClusterCard = kubePlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityKubePlatformClusterCard',
    component: {
      lazy: () =>
        import('./components/EntityClusterCard').then(m => m.EntityClusterCard),
    },
  }),
);

/** Entity tab of ResourceQuota usage per namespace and cluster, for Groups, namespace Resources and annotated Components or Systems. */
export const EntityKubePlatformQuotaContent = kubePlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityKubePlatformQuotaContent',
    component: {
      lazy: () =>
        import('./components/EntityQuota').then(m => m.EntityQuotaContent),
    },
  }),
);

/** Card of ResourceQuota usage for Group and Component overview pages. */
export const EntityKubePlatformQuotaCard = kubePlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityKubePlatformQuotaCard',
    component: {
      lazy: () =>
        import('./components/EntityQuota').then(m => m.EntityQuotaCard),
    },
  }),
);

/** Entity tab of cost over a window, for Groups, namespace Resources and annotated Components or Systems. */
export const EntityKubePlatformCostContent = kubePlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityKubePlatformCostContent',
    component: {
      lazy: () =>
        import('./components/EntityCost').then(m => m.EntityCostContent),
    },
  }),
);

/** Card of month-to-date cost and budget for Group and Component overview pages. */
export const EntityKubePlatformCostCard = kubePlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityKubePlatformCostCard',
    component: {
      lazy: () => import('./components/EntityCost').then(m => m.EntityCostCard),
    },
  }),
);

/** Card for a tenant's `kubernetes-namespace` Resource page: managed objects and isolation verification. */
export const EntityKubePlatformTenantCard = kubePlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityKubePlatformTenantCard',
    component: {
      lazy: () =>
        import('./components/EntityTenantCard').then(m => m.EntityTenantCard),
    },
  }),
);

/** Federation tab of a Component annotated `kube-platform.io/federated-app`: replicas per cluster, status, history and changes. */
export const EntityKubePlatformFederationContent = kubePlatformPlugin.provide(
  createComponentExtension({
    name: 'EntityKubePlatformFederationContent',
    component: {
      lazy: () =>
        import('./components/EntityFederation').then(
          m => m.EntityFederationContent,
        ),
    },
  }),
);

/**
 * Scaffolder field `KubePlatformTenantGuardrails` for legacy apps (inside
 * `<ScaffolderFieldExtensions>`): a Pod Security level select whose validation
 * checks the whole tenant request against the backend's guard rails.
 */
export const KubePlatformTenantGuardrailsFieldExtension =
  scaffolderPlugin.provide(
    createScaffolderFieldExtension({
      name: TENANT_GUARDRAILS_FIELD_NAME,
      component: TenantGuardrailsField,
      validation: validateTenantGuardrails,
    }),
  );

/**
 * Scaffolder field `KubePlatformFederationPlan` for legacy apps (inside
 * `<ScaffolderFieldExtensions>`): the replicas each cluster would run, with
 * overflow and refused clusters, for the federated app the form describes.
 */
export const KubePlatformFederationPlanFieldExtension =
  scaffolderPlugin.provide(
    createScaffolderFieldExtension({
      name: FEDERATION_PLAN_FIELD_NAME,
      component: FederationPlanField,
      validation: validateFederationPlan,
    }),
  );
