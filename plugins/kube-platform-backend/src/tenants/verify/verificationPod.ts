import {
  type KubernetesManifest,
  registryPrefixes,
  type TenantSpec,
} from '@kube-platform/plugin-kube-platform-common';
import type { V1Pod } from '@kubernetes/client-node';

/** The Pod that the dry-run checks submit as the tenant's admin. */
export type VerificationPod = V1Pod & KubernetesManifest;

/**
 * A minimal Pod for a server dry-run in the tenant's namespace. It passes every
 * Pod Security level and the registry policy, so only the check's own subject
 * (quota, LimitRange, registries) can reject it.
 */
export function verificationPod(
  namespace: string,
  image: string,
  resources?: object,
): VerificationPod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'kube-platform-verify', namespace },
    spec: {
      securityContext: {
        runAsNonRoot: true,
        runAsUser: 65534,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      containers: [
        {
          name: 'verify',
          image,
          securityContext: {
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
          },
          ...(resources ? { resources } : {}),
        },
      ],
    },
  };
}

/** An image the tenant's registry policy admits: the pause image from its first allowed registry. */
export function allowedVerificationImage(
  spec: Pick<TenantSpec, 'security'>,
): string {
  const [prefix] = registryPrefixes(spec.security.allowedRegistries);
  return `${prefix ?? 'registry.k8s.io/'}pause:3.10`;
}
