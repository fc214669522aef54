import type { NamespaceQuotaUsage } from '@kube-platform/plugin-kube-platform-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { GAUGED_QUOTA_RESOURCES } from './quotaDisplay';
import { QuotaResourceGauge } from './QuotaResourceGauge';

/** One gauge per key resource (CPU, memory, pods, storage) the namespace's quota limits. */
export function NamespaceQuotaGauges(props: {
  usage: NamespaceQuotaUsage;
  size?: 'normal' | 'small';
}) {
  const gauged = GAUGED_QUOTA_RESOURCES.flatMap(({ resource, label }) => {
    const usage = props.usage.resources.find(
      candidate => candidate.resource === resource,
    );
    return usage ? [{ label, usage }] : [];
  });
  if (gauged.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        The quota limits no CPU, memory, pods or storage.
      </Typography>
    );
  }
  return (
    <Grid container spacing={2} justifyContent="center">
      {gauged.map(({ label, usage }) => (
        <Grid item xs={6} sm={4} key={usage.resource}>
          <QuotaResourceGauge label={label} usage={usage} size={props.size} />
        </Grid>
      ))}
    </Grid>
  );
}
