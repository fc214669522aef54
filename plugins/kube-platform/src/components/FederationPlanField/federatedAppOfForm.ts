import type { JsonObject } from '@backstage/types';
import {
  type FederatedApp,
  federatedAppFromForm,
} from '@kube-platform/plugin-kube-platform-common';

type Issue = { path: Array<string | number>; message: string };

/** A zod validation error, told by shape: this package does not depend on zod itself. */
function issuesOf(error: unknown): Issue[] | undefined {
  const issues = (error as { issues?: unknown })?.issues;
  return (error as Error)?.name === 'ZodError' && Array.isArray(issues)
    ? (issues as Issue[])
    : undefined;
}

/** The app a form describes, or why it describes none yet (one line per form field at fault). */
export type FormApp =
  | { app: FederatedApp; issues?: undefined }
  | { app?: undefined; issues: string[] };

/**
 * Maps the deploy-federated-app form to the app the template would deploy
 * (the same mapping as the scaffolder action); the form's own `plan` field
 * and any other unknown keys are ignored.
 */
export function federatedAppOfForm(form: JsonObject | undefined): FormApp {
  try {
    return { app: federatedAppFromForm((form ?? {}) as never) };
  } catch (error) {
    const issues = issuesOf(error);
    if (issues) {
      return {
        issues: issues.map(issue =>
          issue.path.length > 0
            ? `${issue.path.join('.')}: ${issue.message}`
            : issue.message,
        ),
      };
    }
    return { issues: [(error as Error).message] };
  }
}
