/**
 * Pure domain of Kube Platform: types, zod schemas, permissions and domain logic.
 * Nothing here performs I/O, so it runs in the browser, the backend and tests alike.
 *
 * @packageDocumentation
 */

export * from './cluster';
export * from './labelSelector';
export * from './labelSelectorQuery';
export * from './permissions';
export * from './quantity';
export * from './capacity';
export * from './health';
export * from './tenant';
export * from './tenantManifests';
export * from './tenantIdentities';
export * from './tenantPresets';
export * from './tenantValidation';
export * from './tenantElevations';
export * from './quotaSanity';
export * from './reservedNamespaces';
export * from './overcommit';
export * from './quotaUsage';
export * from './tenantApi';
export * from './drift';
export * from './managedFields';
export * from './federation';
export * from './cost';
