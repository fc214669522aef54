export interface Config {
  kubePlatform?: {
    /**
     * Group entity refs whose members may do everything: elevate tenant requests,
     * use the stock Kubernetes proxy, register catalog locations.
     */
    platformAdminGroups?: string[];
  };
}
