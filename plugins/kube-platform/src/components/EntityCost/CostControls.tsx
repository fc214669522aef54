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

/** An outlined select of labelled options, named for assistive technology by its label. */
function ChoiceSelect<T extends string>(props: {
  label: string;
  value: T;
  options: ReadonlyArray<{ id: T; label: string }>;
  onChange: (value: T) => void;
}) {
  return (
    <TextField
      select
      label={props.label}
      variant="outlined"
      size="small"
      style={{ minWidth: 180 }}
      value={props.value}
      onChange={e => props.onChange(e.target.value as T)}
      SelectProps={{
        SelectDisplayProps: { 'aria-label': props.label } as any,
      }}
    >
      {props.options.map(o => (
        <MenuItem key={o.id} value={o.id}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
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
      <ChoiceSelect
        label="Window"
        value={choices.window}
        options={COST_WINDOWS}
        onChange={window => onChange({ ...choices, window })}
      />
      <ChoiceSelect
        label="Break down by"
        value={choices.groupBy}
        options={COST_GROUP_BY_OPTIONS}
        onChange={groupBy => onChange({ ...choices, groupBy })}
      />
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
