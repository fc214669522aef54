import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { JsonObject } from '@backstage/types';
import Box from '@material-ui/core/Box';
import FormHelperText from '@material-ui/core/FormHelperText';
import Typography from '@material-ui/core/Typography';
import { useEffect, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { kubePlatformApiRef } from '../../api/KubePlatformApi';
import { errorMessageOf } from '../shared/errorMessage';
import {
  debounceMsOf,
  useKeyInFormData,
  useSettled,
} from '../shared/useSettled';
import { federatedAppOfForm } from './federatedAppOfForm';
import { FederationPlanTable } from './FederationPlanTable';

/** Name under which templates use the field: `ui:field: KubePlatformFederationPlan`. */
export const FEDERATION_PLAN_FIELD_NAME = 'KubePlatformFederationPlan';

function FormIncomplete(props: { issues: string[] }) {
  return (
    <Box role="alert">
      <Typography variant="body2" color="error">
        The plan shows once the form is complete and valid:
      </Typography>
      {props.issues.map(issue => (
        <Typography key={issue} variant="body2" color="error" component="div">
          • {issue}
        </Typography>
      ))}
    </Box>
  );
}

/**
 * Review of a federated app: maps the whole form as the deploy action will,
 * asks the backend what a deploy would do (POST .../plan, debounced) and
 * shows the replicas per cluster, overflow and refused clusters. Keeps the
 * planned replicas per cluster as its value, so the review step lists them.
 */
export function FederationPlanField(
  props: FieldExtensionComponentProps<JsonObject | undefined>,
) {
  const { formContext, onChange, schema, uiSchema, rawErrors } = props;
  const api = useApi(kubePlatformApiRef);
  const form: JsonObject | undefined = formContext?.formData;
  const mapped = useMemo(() => federatedAppOfForm(form), [form]);
  const appJson = mapped.app ? JSON.stringify(mapped.app) : undefined;
  const settled = useSettled(appJson, debounceMsOf(uiSchema));
  const preview = useAsync(
    async () =>
      settled ? api.planFederatedApp(JSON.parse(settled)) : undefined,
    [api, settled],
  );

  // So that an invalid form is refused too.
  useKeyInFormData(props.formData, onChange);

  // Clusters in name order, so the review lists them so.
  const planJson = preview.value
    ? JSON.stringify(
        Object.fromEntries(
          Object.entries(preview.value.plan).sort(([a], [b]) =>
            a.localeCompare(b),
          ),
        ),
      )
    : undefined;
  useEffect(() => {
    if (planJson) onChange(JSON.parse(planJson));
    // RJSF hands out a new onChange on every render: follow the plan only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [planJson]);

  let body: React.ReactNode;
  if (mapped.issues) {
    body = <FormIncomplete issues={mapped.issues} />;
  } else if (preview.error) {
    body = (
      <Typography variant="body2" color="error" role="alert">
        {errorMessageOf(preview.error)}
      </Typography>
    );
  } else if (preview.loading || settled !== appJson || !preview.value) {
    body = <Progress />;
  } else {
    body = <FederationPlanTable preview={preview.value} />;
  }
  return (
    <Box marginY={2}>
      <Typography variant="h6">{schema.title ?? 'Planned replicas'}</Typography>
      {schema.description && (
        <Typography variant="body2" color="textSecondary" paragraph>
          {schema.description}
        </Typography>
      )}
      {body}
      {(rawErrors ?? []).map(error => (
        <FormHelperText key={error} error>
          {error}
        </FormHelperText>
      ))}
    </Box>
  );
}
