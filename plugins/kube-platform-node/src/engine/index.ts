export {
  FieldOwnershipConflictError,
  parseFieldConflicts,
  type FieldConflict,
} from './applyConflicts';
export { ApplyFailedError } from './applyInOrder';
export { PreflightRejectedError } from './preflight';
export { inspectObjects } from './inspectObjects';
export {
  ProvisioningEngine,
  type EngineClusterResult,
  type EngineRequest,
} from './ProvisioningEngine';
export {
  refKey,
  refOf,
  type DesiredClusterObjects,
  type EngineObjectResult,
  type EngineOwner,
  type EngineProgressListener,
  type InventoryStore,
  type ObjectRef,
} from './types';
