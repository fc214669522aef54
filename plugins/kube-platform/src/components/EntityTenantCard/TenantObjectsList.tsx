import {
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import type { TenantObjectStatus } from '@kube-platform/plugin-kube-platform-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';

function ObjectStateIndicator(props: { state: TenantObjectStatus['state'] }) {
  switch (props.state) {
    case 'present':
      return <StatusOK>Present</StatusOK>;
    case 'drifted':
      return <StatusWarning>Drifted</StatusWarning>;
    default:
      return <StatusError>Missing</StatusError>;
  }
}

function countByState(objects: TenantObjectStatus[]): string {
  const count = (state: TenantObjectStatus['state']) =>
    objects.filter(object => object.state === state).length;
  return `${count('present')} present, ${count('drifted')} drifted, ${count(
    'missing',
  )} missing`;
}

/** The objects a tenant manages, each with a present, drifted or missing indicator and its drifted fields. */
export function TenantObjectsList(props: { objects: TenantObjectStatus[] }) {
  const { objects } = props;
  if (objects.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        The tenant manages no objects.
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2">{countByState(objects)}</Typography>
      <List dense disablePadding>
        {objects.map(object => {
          const qualifiedName = object.namespace
            ? `${object.namespace}/${object.name}`
            : object.name;
          return (
            <ListItem
              key={`${object.kind}/${qualifiedName}`}
              disableGutters
              divider
            >
              <ListItemText
                primary={
                  <>
                    <ObjectStateIndicator state={object.state} /> {object.kind}{' '}
                    {qualifiedName}
                  </>
                }
                secondary={
                  object.drift?.length
                    ? `Differs in ${object.drift.join(', ')}`
                    : undefined
                }
              />
            </ListItem>
          );
        })}
      </List>
    </>
  );
}
