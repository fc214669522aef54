/**
 * Kube Platform backend: REST API, database and scheduled tasks.
 *
 * @packageDocumentation
 */

export { kubePlatformPlugin as default } from './plugin';
export { OperationStore } from './database/OperationStore';
export type {
  ObjectResult,
  Operation,
  OperationStatus,
} from './database/OperationStore';
