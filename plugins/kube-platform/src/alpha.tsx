import type { FilterPredicate } from '@backstage/filter-predicates';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import {
  KUBE_PLATFORM_ANNOTATIONS,
  KUBERNETES_CLUSTER_RESOURCE_TYPE,
  KUBERNETES_NAMESPACE_RESOURCE_TYPE,
} from '@kube-platform/plugin-kube-platform-common';
import { kubePlatformApiRef } from './api/KubePlatformApi';
import { KubePlatformClient } from './api/KubePlatformClient';
import { KUBERNETES_NAMESPACE_ANNOTATION } from './components/EntityQuota/isQuotaAvailable';
import { FEDERATED_APP_ANNOTATION } from './components/EntityFederation/isFederatedAppAvailable';
import { clustersRouteRef } from './routes';

const kubePlatformApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: kubePlatformApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new KubePlatformClient({ discoveryApi, fetchApi }),
    }),
});

const clustersPage = PageBlueprint.make({
  params: {
    path: '/kube-platform/clusters',
    title: 'Clusters',
    // An icon puts the page in the sidebar.
    icon: <CloudQueueIcon fontSize="inherit" />,
    routeRef: convertLegacyRouteRef(clustersRouteRef),
    // ClustersPage renders its own Page and Header.
    noHeader: true,
    loader: () =>
      import('./components/ClustersPage').then(m => <m.ClustersPage />),
  },
});

// Same entities as isKubePlatformClusterAvailable, as a predicate the app config can override.
const clusterCard = EntityCardBlueprint.make({
  name: 'cluster',
  params: {
    filter: {
      $all: [
        { kind: 'resource' },
        { 'spec.type': KUBERNETES_CLUSTER_RESOURCE_TYPE },
      ],
    },
    loader: () =>
      import('./components/EntityClusterCard').then(m => (
        <m.EntityClusterCard />
      )),
  },
});

const tenantAnnotationPath =
  `metadata.annotations.${KUBE_PLATFORM_ANNOTATIONS.tenant}` as const;
const kubernetesNamespaceAnnotationPath =
  `metadata.annotations.${KUBERNETES_NAMESPACE_ANNOTATION}` as const;

// Components and systems that name their namespaces or tenant.
const annotatedComponentOrSystem: FilterPredicate = {
  $all: [
    { kind: { $in: ['component', 'system'] } },
    {
      $any: [
        { [kubernetesNamespaceAnnotationPath]: { $exists: true } },
        { [tenantAnnotationPath]: { $exists: true } },
      ],
    },
  ],
};

// Same entities as isQuotaAvailable.
const quotaContent = EntityContentBlueprint.make({
  name: 'quota',
  params: {
    path: '/quota',
    title: 'Quota',
    group: 'deployment',
    filter: {
      $any: [
        { kind: 'group' },
        {
          $all: [
            { kind: 'resource' },
            { 'spec.type': KUBERNETES_NAMESPACE_RESOURCE_TYPE },
          ],
        },
        annotatedComponentOrSystem,
      ],
    },
    loader: () =>
      import('./components/EntityQuota').then(m => <m.EntityQuotaContent />),
  },
});

// Overview pages of groups and annotated components or systems; a namespace Resource has the tenant card and the Quota tab.
const quotaCard = EntityCardBlueprint.make({
  name: 'quota',
  params: {
    filter: {
      $any: [{ kind: 'group' }, annotatedComponentOrSystem],
    },
    loader: () =>
      import('./components/EntityQuota').then(m => <m.EntityQuotaCard />),
  },
});

// Same entities as isCostAvailable (those with quota).
const costContent = EntityContentBlueprint.make({
  name: 'cost',
  params: {
    path: '/cost',
    title: 'Cost',
    group: 'deployment',
    filter: {
      $any: [
        { kind: 'group' },
        {
          $all: [
            { kind: 'resource' },
            { 'spec.type': KUBERNETES_NAMESPACE_RESOURCE_TYPE },
          ],
        },
        annotatedComponentOrSystem,
      ],
    },
    loader: () =>
      import('./components/EntityCost').then(m => <m.EntityCostContent />),
  },
});

// Month to date and budget on the overview pages that have the quota card.
const costCard = EntityCardBlueprint.make({
  name: 'cost',
  params: {
    filter: {
      $any: [{ kind: 'group' }, annotatedComponentOrSystem],
    },
    loader: () =>
      import('./components/EntityCost').then(m => <m.EntityCostCard />),
  },
});

// Same entities as isTenantAvailable, short of parsing the annotation.
const tenantCard = EntityCardBlueprint.make({
  name: 'tenant',
  params: {
    filter: {
      $all: [
        { kind: 'resource' },
        { 'spec.type': KUBERNETES_NAMESPACE_RESOURCE_TYPE },
        { [tenantAnnotationPath]: { $exists: true } },
      ],
    },
    loader: () =>
      import('./components/EntityTenantCard').then(m => <m.EntityTenantCard />),
  },
});

const federatedAppAnnotationPath =
  `metadata.annotations.${FEDERATED_APP_ANNOTATION}` as const;

// Same entities as isFederatedAppAvailable, short of parsing the annotation.
const federationContent = EntityContentBlueprint.make({
  name: 'federation',
  params: {
    path: '/federation',
    title: 'Federation',
    group: 'deployment',
    filter: {
      $all: [
        { kind: 'component' },
        { [federatedAppAnnotationPath]: { $exists: true } },
      ],
    },
    loader: () =>
      import('./components/EntityFederation').then(m => (
        <m.EntityFederationContent />
      )),
  },
});

/**
 * Scaffolder field `KubePlatformTenantGuardrails`: attaches to the scaffolder
 * plugin's `api:scaffolder/form-fields`, so any app with both plugins offers it.
 */
const tenantGuardrailsFormField = FormFieldBlueprint.make({
  name: 'tenant-guardrails',
  params: {
    field: () =>
      import('./components/TenantGuardrailsField/formField').then(
        m => m.tenantGuardrailsFormField,
      ),
  },
});

/** Scaffolder field `KubePlatformFederationPlan`: the planned replicas per cluster of the app a form describes. */
const federationPlanFormField = FormFieldBlueprint.make({
  name: 'federation-plan',
  params: {
    field: () =>
      import('./components/FederationPlanField/formField').then(
        m => m.federationPlanFormField,
      ),
  },
});

/** The Kube Platform frontend plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'kube-platform',
  extensions: [
    kubePlatformApi,
    clustersPage,
    clusterCard,
    quotaContent,
    quotaCard,
    costContent,
    costCard,
    tenantCard,
    federationContent,
    tenantGuardrailsFormField,
    federationPlanFormField,
  ],
  routes: { clusters: convertLegacyRouteRef(clustersRouteRef) },
});
