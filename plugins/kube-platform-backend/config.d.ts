import type { HumanDuration } from '@backstage/types';

export interface Config {
  kubePlatform?: {
    /**
     * Groups (entity refs) whose members may act on every tenant and cluster,
     * e.g. `group:default/platform-team`.
     */
    platformAdminGroups?: string[];
    /**
     * Namespace of the platform's own objects on every cluster; no tenant may take
     * it. Default `kube-platform-system`.
     */
    platformNamespace?: string;
    /** Tenant provisioning. */
    tenants?: {
      /** Prefix of every tenant namespace, e.g. `tenant-`; counts toward the 63-character limit. */
      namespacePrefix?: string;
      /**
       * Namespaces no tenant may take, beyond the built-in ones (`default`, `kube-*`,
       * the ingress controller and DNS namespaces, the platform namespace). An entry
       * ending with `*` reserves every name with that prefix, e.g. `istio-*`.
       * Compared with the full namespace, prefix included.
       */
      reservedNamespaces?: string[];
    };
    /** The scheduled drift scan of every tenant (one backend instance per interval). */
    drift?: {
      /** Time between scans. Default 10 minutes. */
      frequency?: HumanDuration | string;
    };
  };
}
