import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';

/** A small labelled value, as used in the cluster and tenant cards. */
export function Field(props: { label: string; children: ReactNode }) {
  return (
    <>
      <Typography variant="overline" color="textSecondary" display="block">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div">
        {props.children}
      </Typography>
    </>
  );
}
