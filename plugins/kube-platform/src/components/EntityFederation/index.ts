export {
  EntityFederationContent,
  type EntityFederationContentProps,
} from './EntityFederationContent';
export {
  FEDERATED_APP_ANNOTATION,
  federatedAppRefOf,
  isFederatedAppAvailable,
  type FederatedAppRef,
} from './isFederatedAppAvailable';
