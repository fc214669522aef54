import {
  type TenantRoleLevel,
  tenantRoleServiceAccountName,
} from '@kube-platform/plugin-kube-platform-common';
import {
  type ClusterRegistry,
  kubeConfigAs,
} from '@kube-platform/plugin-kube-platform-node';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { stringify as stringifyYaml } from 'yaml';
import type { StoredTenant } from '../database/TenantStore';
import { RoleIdentityCache } from './RoleIdentityCache';

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
  private readonly identities: RoleIdentityCache<KubeConfig>;

  constructor(
    private readonly deps: {
      clusterRegistry: ClusterRegistry;
      platformNamespace: string;
      /** The clock of the identity cache; tests move it. */
      now?: () => number;
    },
  ) {
    this.identities = new RoleIdentityCache(deps.now);
    // A removed or replaced cluster: its tokens are not used again.
    deps.clusterRegistry.onChange(change => {
      const removed = new Set(change.removed);
      this.identities.forget(key => removed.has(key.cluster));
    });
  }

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

  /**
   * A client configuration acting as the role identity, for what the platform
   * runs as the tenant. The same one is handed out for the first half of its
   * token's lifetime (one TokenRequest per cluster and role, not per call);
   * tokens for people ({@link requestToken}) are never reused.
   */
  kubeConfigFor(
    tenant: StoredTenant,
    level: TenantRoleLevel,
    expirationSeconds = 600,
  ): Promise<KubeConfig> {
    const key = {
      cluster: tenant.cluster,
      namespace: tenant.namespace,
      level,
      tenantCreatedAt: tenant.createdAt,
      expirationSeconds,
    };
    return this.identities.get(key, async () => {
      const issued = await this.requestToken(tenant, level, expirationSeconds);
      // Bounded by the cluster's request timeout, like every call the platform makes.
      const kubeConfig: KubeConfig = kubeConfigAs(
        this.deps.clusterRegistry.getKubeConfig(tenant.cluster),
        { name: level, token: issued.token },
        // A refused token is not handed out again: the next caller gets a new one.
        { onUnauthorized: () => this.identities.refuse(key, kubeConfig) },
      );
      return {
        value: kubeConfig,
        expiresAt: issued.expiresAt ? Date.parse(issued.expiresAt) : undefined,
      };
    });
  }

  /** Forgets the cached identities of a tenant (deleted, or its roles replaced). */
  forgetTenant(tenant: Pick<StoredTenant, 'cluster' | 'namespace'>): void {
    this.identities.forget(
      key =>
        key.cluster === tenant.cluster && key.namespace === tenant.namespace,
    );
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
