export interface Config {
  kubePlatform?: {
    /**
     * Groups (entity refs) whose members may act on every tenant and cluster,
     * e.g. `group:default/platform-team`.
     */
    platformAdminGroups?: string[];
  };
}
