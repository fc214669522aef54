/**
 * Deny-by-default permission policy for Kube Platform and the Backstage plugins
 * beside it (catalog, scaffolder, stock Kubernetes). Install the module as is,
 * or compose the exported rules into a policy of your own.
 *
 * @packageDocumentation
 */

export { permissionModuleKubePlatformPolicy as default } from './module';
export {
  KubePlatformPermissionPolicy,
  type KubePlatformPermissionPolicyOptions,
} from './KubePlatformPermissionPolicy';
export {
  catalogRules,
  decideFor,
  defaultPolicyRules,
  federationRules,
  kubePlatformRules,
  type PolicyRule,
  scaffolderRules,
  stockKubernetesRules,
} from './policyRules';
