import Typography from '@material-ui/core/Typography';
import LinearProgress from '@material-ui/core/LinearProgress';
import type { AsyncState } from 'react-use/esm/useAsyncFn';
import { errorMessageOf } from '../shared/errorMessage';

/** Progress while an action runs, then what it did or the backend's reason for refusing it. */
export function ActionFeedback(props: {
  state: AsyncState<string | undefined>;
}) {
  const { state } = props;
  if (state.loading) {
    return <LinearProgress aria-label="Applying" />;
  }
  if (state.error) {
    return (
      <Typography variant="body2" color="error" role="alert">
        {errorMessageOf(state.error)}
      </Typography>
    );
  }
  if (state.value) {
    return (
      <Typography variant="body2" role="status">
        {state.value}
      </Typography>
    );
  }
  return null;
}
