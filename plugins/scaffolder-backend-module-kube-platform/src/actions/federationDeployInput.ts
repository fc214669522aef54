import { InputError } from '@backstage/errors';
import {
  type FederatedApp,
  federatedAppFormSchema,
  federatedAppFromForm,
  federatedAppSchema,
} from '@kube-platform/plugin-kube-platform-common';

/** Input of `kube-platform:federation:deploy`: the template's form fields, or a whole app. */
export type FederationDeployInput = Record<string, unknown> & {
  app?: unknown;
  allowPartial?: boolean;
};

/** What a zod error of the common schemas carries. */
interface SchemaIssues {
  issues: Array<{ path: Array<string | number>; message: string }>;
}

function issuesOf(error: SchemaIssues, prefix: string): string {
  return error.issues
    .map(issue => {
      const path = [...(prefix ? [prefix] : []), ...issue.path].join('.');
      return `${path || 'input'}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * The federated app an action input describes: `app` as the backend takes it, or
 * the form fields mapped by `federatedAppFromForm`. Throws `InputError` naming
 * every invalid field (`app.…` for a whole app) before anything is sent.
 */
export function toFederatedApp(input: FederationDeployInput): FederatedApp {
  const { app, allowPartial: _allowPartial, ...form } = input;
  const given = Object.keys(form).filter(
    key => form[key] !== undefined && form[key] !== '',
  );
  if (app !== undefined) {
    if (given.length > 0) {
      throw new InputError(
        `Invalid federated app: give either app or the form fields (${given.join(
          ', ',
        )}), not both`,
      );
    }
    const parsed = federatedAppSchema.safeParse(app);
    if (!parsed.success) {
      throw new InputError(
        `Invalid federated app: ${issuesOf(parsed.error, 'app')}`,
      );
    }
    return parsed.data;
  }
  const parsed = federatedAppFormSchema.safeParse(form);
  if (!parsed.success) {
    throw new InputError(
      `Invalid federated app: ${issuesOf(parsed.error, '')}`,
    );
  }
  try {
    return federatedAppFromForm(parsed.data);
  } catch (error) {
    // A rule only the whole app checks, such as the size of the Deployment.
    if ((error as Error).name !== 'ZodError') throw error;
    throw new InputError(
      `Invalid federated app: ${issuesOf(
        error as unknown as SchemaIssues,
        'app',
      )}`,
    );
  }
}

/** `shop-web`, `default/shop-web` or `component:default/shop-web` → `component:default/shop-web`. */
export function componentEntityRef(ref: string): string {
  const withoutKind = ref.includes(':') ? ref.slice(ref.indexOf(':') + 1) : ref;
  return withoutKind.includes('/')
    ? `component:${withoutKind}`
    : `component:default/${withoutKind}`;
}
