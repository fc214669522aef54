export interface Config {
  kubePlatform?: {
    /**
     * Groups (entity refs) whose members may act on every tenant and cluster,
     * e.g. `group:default/platform-team`.
     */
    platformAdminGroups?: string[];
    /** Tenant provisioning. */
    tenants?: {
      /** Prefix of every tenant namespace, e.g. `tenant-`; counts toward the 63-character limit. */
      namespacePrefix?: string;
    };
  };
}
