import { ConflictError } from '@backstage/errors';
import { apiErrorStatus } from '../apply/ManifestApplier';
import type { EngineObjectResult, ObjectRef } from './types';

/** A field another field manager owns, which an apply without force may not take. */
export interface FieldConflict {
  /** The field path as the API server names it, e.g. `.spec.hard.pods`. */
  field: string;
  /** The field manager that owns it, e.g. `kubectl-edit` or `argocd-controller`. */
  manager: string;
}

const MANAGER = /conflict with "([^"]+)"/;

/**
 * The conflicts a 409 from server-side apply reports in its Status causes
 * (`FieldManagerConflict`), or `undefined` when the error is not one.
 */
export function parseFieldConflicts(
  error: unknown,
): FieldConflict[] | undefined {
  if (apiErrorStatus(error) !== 409) return undefined;
  const body = (error as { body?: unknown }).body;
  let status: any = body;
  if (typeof body === 'string') {
    try {
      status = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  const causes: any[] = status?.details?.causes ?? [];
  const conflicts = causes
    .filter(c => c?.reason === 'FieldManagerConflict')
    .map(c => ({
      field: String(c.field ?? ''),
      manager: MANAGER.exec(String(c.message ?? ''))?.[1] ?? 'unknown',
    }));
  return conflicts.length > 0 ? conflicts : undefined;
}

/** One line naming the fields and their managers, for a result message. */
export function conflictMessage(conflicts: FieldConflict[]): string {
  const managers = [...new Set(conflicts.map(c => c.manager))].join(', ');
  return `fields owned by ${managers}: ${conflicts
    .map(c => c.field)
    .join(', ')}`;
}

/**
 * Applying would take fields another manager owns (GitOps, an operator, an
 * admin's edit): 409 naming the fields and their managers. Nothing was
 * changed on that object; `reclaim` (platform admins) takes them.
 */
export class FieldOwnershipConflictError extends ConflictError {
  constructor(
    readonly cluster: string,
    readonly object: ObjectRef,
    readonly conflicts: FieldConflict[],
    readonly results: EngineObjectResult[],
  ) {
    super(
      `${object.kind}/${
        object.name
      } on '${cluster}' has fields owned by other managers: ${conflicts
        .map(c => `${c.field} (${c.manager})`)
        .join(
          ', ',
        )}; nothing of it was changed. A platform admin can take them back with reclaim.`,
    );
  }
}
