import type { Entity } from '@backstage/catalog-model';
import { KUBE_PLATFORM_ANNOTATIONS } from '@kube-platform/plugin-kube-platform-common';

/** Annotation of a Component deployed as a federated app: `<namespace>/<name>`. */
export const FEDERATED_APP_ANNOTATION = KUBE_PLATFORM_ANNOTATIONS.federatedApp;

/** Namespace and name of the federated app an entity stands for. */
export interface FederatedAppRef {
  namespace: string;
  name: string;
}

/**
 * The federated app named by an entity's `kube-platform.io/federated-app`
 * annotation (`<namespace>/<name>`), or `undefined` when it names none.
 */
export function federatedAppRefOf(entity: Entity): FederatedAppRef | undefined {
  const value = entity.metadata.annotations?.[FEDERATED_APP_ANNOTATION]?.trim();
  const parts = value?.split('/') ?? [];
  if (parts.length !== 2 || !parts[0] || !parts[1]) {
    return undefined;
  }
  return { namespace: parts[0], name: parts[1] };
}

/** True for a Component annotated with the federated app it is deployed as. */
export function isFederatedAppAvailable(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    federatedAppRefOf(entity) !== undefined
  );
}
