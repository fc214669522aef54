import {
  type TenantRoleLevel,
  tenantRoleServiceAccountName,
} from '@kube-platform/plugin-kube-platform-common';
import type { ClusterRegistry } from '@kube-platform/plugin-kube-platform-node';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { stringify as stringifyYaml } from 'yaml';
import type { StoredTenant } from '../database/TenantStore';

/** A short-lived bearer token of one tenant role identity. Never stored, never logged. */
export interface TenantRoleToken {
  serviceAccount: string;
  token: string;
  expiresAt?: string;
}

/**
 * Issues credentials for a tenant role: TokenRequest tokens of the role's
 * ServiceAccount in the platform namespace, as a kubeconfig for a person or a
 * client-node `KubeConfig` for the platform's own checks.
 */
export class TenantCredentials {
  constructor(
    private readonly deps: {
      clusterRegistry: ClusterRegistry;
      platformNamespace: string;
    },
  ) {}

  /** A token that expires after `expirationSeconds` (the API server may shorten it). */
  async requestToken(
    tenant: StoredTenant,
    level: TenantRoleLevel,
    expirationSeconds: number,
  ): Promise<TenantRoleToken> {
    const serviceAccount = tenantRoleServiceAccountName(tenant, level);
    const response = await this.deps.clusterRegistry
      .getKubeConfig(tenant.cluster)
      .makeApiClient(CoreV1Api)
      .createNamespacedServiceAccountToken({
        name: serviceAccount,
        namespace: this.deps.platformNamespace,
        body: { spec: { audiences: [], expirationSeconds } },
      });
    const expiry = response.status?.expirationTimestamp;
    return {
      serviceAccount,
      token: response.status!.token,
      expiresAt: expiry ? new Date(expiry).toISOString() : undefined,
    };
  }

  /**
   * A kubeconfig handed to a person. TLS verification is never switched off in
   * it, whatever the platform's own connection does: without a CA the user's
   * client verifies against its system trust store.
   */
  renderKubeconfig(
    tenant: StoredTenant,
    level: TenantRoleLevel,
    token: string,
  ): string {
    const cluster = this.platformCluster(tenant.cluster);
    const user = `${tenant.name}-${level}@${tenant.cluster}`;
    return stringifyYaml({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: tenant.cluster,
          cluster: {
            server: cluster.server,
            ...(cluster.caData
              ? { 'certificate-authority-data': cluster.caData }
              : {}),
          },
        },
      ],
      users: [{ name: user, user: { token } }],
      contexts: [
        {
          name: user,
          context: {
            cluster: tenant.cluster,
            namespace: tenant.namespace,
            user,
          },
        },
      ],
      'current-context': user,
    });
  }

  /** A client configuration acting as the role identity, for checks the platform runs as the tenant. */
  async kubeConfigFor(
    tenant: StoredTenant,
    level: TenantRoleLevel,
    expirationSeconds = 600,
  ): Promise<KubeConfig> {
    const { token } = await this.requestToken(tenant, level, expirationSeconds);
    const cluster = this.platformCluster(tenant.cluster);
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [{ ...cluster, name: tenant.cluster }],
      users: [{ name: level, token }],
      contexts: [{ name: level, cluster: tenant.cluster, user: level }],
      currentContext: level,
    });
    return kubeConfig;
  }

  private platformCluster(name: string) {
    const cluster = this.deps.clusterRegistry
      .getKubeConfig(name)
      .getCurrentCluster();
    if (!cluster) {
      throw new Error(`No connection settings for cluster '${name}'`);
    }
    return cluster;
  }
}
