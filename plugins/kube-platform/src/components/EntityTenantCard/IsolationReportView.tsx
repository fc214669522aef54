import { StatusError, StatusOK } from '@backstage/core-components';
import type { IsolationReport } from '@kube-platform/plugin-kube-platform-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Alert from '@material-ui/lab/Alert';
import { formatAge } from '../shared/format';

function summarise(report: IsolationReport): string {
  const failed = report.checks.filter(check => !check.passed).length;
  if (report.passed) {
    return `Isolation verified: all ${report.checks.length} checks passed`;
  }
  return `Isolation failed: ${failed} of ${report.checks.length} checks failed`;
}

/** Overall passed or failed banner of an isolation report, then every check with its evidence. */
export function IsolationReportView(props: { report: IsolationReport }) {
  const { report } = props;
  return (
    <>
      <Alert severity={report.passed ? 'success' : 'error'}>
        {summarise(report)}, verified {formatAge(report.verifiedAt)}
      </Alert>
      <List dense aria-label="Isolation checks">
        {report.checks.map(check => (
          <ListItem key={check.id} disableGutters divider>
            <ListItemText
              primary={
                <>
                  {check.passed ? (
                    <StatusOK>Passed</StatusOK>
                  ) : (
                    <StatusError>Failed</StatusError>
                  )}{' '}
                  {check.description}
                </>
              }
              secondary={check.evidence}
              secondaryTypographyProps={{
                style: { fontFamily: 'monospace', wordBreak: 'break-word' },
              }}
            />
          </ListItem>
        ))}
      </List>
    </>
  );
}
