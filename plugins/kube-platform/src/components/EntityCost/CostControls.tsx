import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import GetAppIcon from '@material-ui/icons/GetApp';
import type { CostGroupBy } from '../../api/costTypes';
import {
  COST_GROUP_BY_OPTIONS,
  COST_WINDOWS,
  type CostWindowId,
} from './costWindows';

/** The choices of the Cost tab. */
export interface CostChoices {
  window: CostWindowId;
  groupBy: CostGroupBy;
  includeChildren: boolean;
}

/** Window and grouping selectors, the children toggle (groups only) and the CSV download. */
export function CostControls(props: {
  choices: CostChoices;
  onChange: (choices: CostChoices) => void;
  showIncludeChildren: boolean;
  onDownload: () => void;
  downloading: boolean;
}) {
  const { choices, onChange } = props;
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" style={{ gap: 16 }}>
      <TextField
        select
        label="Window"
        variant="outlined"
        size="small"
        style={{ minWidth: 180 }}
        value={choices.window}
        onChange={e =>
          onChange({ ...choices, window: e.target.value as CostWindowId })
        }
        SelectProps={{ SelectDisplayProps: { 'aria-label': 'Window' } as any }}
      >
        {COST_WINDOWS.map(w => (
          <MenuItem key={w.id} value={w.id}>
            {w.label}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label="Break down by"
        variant="outlined"
        size="small"
        style={{ minWidth: 180 }}
        value={choices.groupBy}
        onChange={e =>
          onChange({ ...choices, groupBy: e.target.value as CostGroupBy })
        }
        SelectProps={{
          SelectDisplayProps: { 'aria-label': 'Break down by' } as any,
        }}
      >
        {COST_GROUP_BY_OPTIONS.map(o => (
          <MenuItem key={o.id} value={o.id}>
            {o.label}
          </MenuItem>
        ))}
      </TextField>
      {props.showIncludeChildren && (
        <FormControlLabel
          control={
            <Switch
              checked={choices.includeChildren}
              onChange={e =>
                onChange({ ...choices, includeChildren: e.target.checked })
              }
              color="primary"
            />
          }
          label="Include child groups"
        />
      )}
      <Box flexGrow={1} />
      <Button
        variant="outlined"
        startIcon={<GetAppIcon />}
        onClick={props.onDownload}
        disabled={props.downloading}
      >
        Download CSV
      </Button>
    </Box>
  );
}
