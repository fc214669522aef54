import { usePermission } from '@backstage/plugin-permission-react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { JsonObject } from '@backstage/types';
import { kubePlatformTenantElevatePermission } from '@kube-platform/plugin-kube-platform-common';
import TextField from '@material-ui/core/TextField';
import {
  defaultPodSecurityLevel,
  POD_SECURITY_LEVELS,
  podSecurityLevelsNeedingElevation,
} from './podSecurityLevels';
import { QuotaMonthlyCostNote } from './QuotaMonthlyCostNote';
import { clusterNameOf } from './tenantRequestFromFormData';
import { debounceMsOf, useKeyInFormData } from '../shared/useSettled';

/** Name under which templates use the field: `ui:field: KubePlatformTenantGuardrails`. */
export const TENANT_GUARDRAILS_FIELD_NAME = 'KubePlatformTenantGuardrails';

const LEVEL_TITLES: Record<string, string> = {
  restricted: 'Restricted',
  baseline: 'Baseline',
  privileged: 'Privileged',
};

function textOf(form: JsonObject, key: string): string | undefined {
  const value = form[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * `<cluster>/<name>` of the tenant the form requests, once both are chosen:
 * the resourceRef of tenant permissions.
 */
function tenantResourceRef(form: JsonObject): string | undefined {
  const clusterRef = textOf(form, 'cluster');
  const cluster = clusterRef ? clusterNameOf(clusterRef) : undefined;
  const name = textOf(form, 'name');
  return cluster && name ? `${cluster}/${name}` : undefined;
}

/**
 * Pod Security level of a requested tenant: the environment's default or one
 * of the three levels, with those beyond the environment's guard rails marked
 * when the user may not elevate, and what the requested quota costs a month
 * at full use. Its validator checks the whole request against the backend's
 * guard rails.
 */
export function TenantGuardrailsField(
  props: FieldExtensionComponentProps<string | undefined>,
) {
  const {
    formData,
    onChange,
    schema,
    required,
    disabled,
    rawErrors,
    idSchema,
    formContext,
    uiSchema,
  } = props;
  const form: JsonObject = formContext?.formData ?? {};
  const environment = textOf(form, 'environment');
  // Without both cluster and name there is no resourceRef, and a resource
  // permission without one is denied: marks stay until the tenant is named.
  const elevation = usePermission({
    permission: kubePlatformTenantElevatePermission,
    resourceRef: tenantResourceRef(form),
  });
  const marked =
    elevation.loading || elevation.allowed
      ? []
      : podSecurityLevelsNeedingElevation(environment);
  const defaultLevel = defaultPodSecurityLevel(environment);

  // So that a request left at the environment's default level is checked
  // against the guard rails too.
  useKeyInFormData(formData, onChange);
  const debounceMs = debounceMsOf(uiSchema);

  return (
    <>
      <TextField
        select
        id={idSchema?.$id}
        label={schema.title ?? 'Pod Security level'}
        helperText={schema.description}
        value={formData ?? ''}
        onChange={event => onChange(event.target.value || undefined)}
        required={required}
        disabled={disabled}
        error={(rawErrors?.length ?? 0) > 0}
        margin="normal"
        fullWidth
        InputLabelProps={{ shrink: true }}
        SelectProps={{ native: true }}
        FormHelperTextProps={{ margin: 'dense', style: { marginLeft: 0 } }}
      >
        <option value="">
          {defaultLevel
            ? `Environment default (${defaultLevel})`
            : 'Environment default'}
        </option>
        {POD_SECURITY_LEVELS.map(level => (
          <option key={level} value={level}>
            {LEVEL_TITLES[level] ?? level}
            {marked.includes(level) ? ' (needs platform admin)' : ''}
          </option>
        ))}
      </TextField>
      <QuotaMonthlyCostNote form={form} debounceMs={debounceMs} />
    </>
  );
}
