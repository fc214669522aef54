import { Table, type TableColumn } from '@backstage/core-components';
import type {
  NamespaceQuotaUsage,
  QuotaResourceUsage,
} from '@kube-platform/plugin-kube-platform-common';
import { useMemo } from 'react';
import {
  compareLevels,
  describeNamespace,
  formatUsagePercent,
  usageLevelOf,
  usageRatioOf,
} from './quotaDisplay';
import { QuotaLevelChip } from './QuotaLevelChip';
import { useLevelStyles } from './useLevelStyles';

/** Orders ratios ascending; two usages over a limit of 0 (both Infinity) are equal rather than NaN. */
function compareRatios(a: number, b: number): number {
  return a === b ? 0 : a - b;
}

function quotaColumns(levelTextClassName: {
  warning: string;
  critical: string;
}): TableColumn<QuotaResourceUsage>[] {
  return [
    { title: 'Resource', field: 'resource', highlight: true },
    { title: 'Used', field: 'used' },
    { title: 'Hard', field: 'hard' },
    {
      title: 'Percent',
      field: 'ratio',
      defaultSort: 'desc',
      customSort: (a, b) => compareRatios(usageRatioOf(a), usageRatioOf(b)),
      render: usage => {
        const level = usageLevelOf(usage);
        return (
          <span
            className={level === 'ok' ? undefined : levelTextClassName[level]}
          >
            {formatUsagePercent(usage)}
          </span>
        );
      },
    },
    {
      title: 'Level',
      field: 'level',
      customSort: (a, b) => compareLevels(usageLevelOf(a), usageLevelOf(b)),
      render: usage => <QuotaLevelChip level={usageLevelOf(usage)} />,
    },
  ];
}

/** Every ResourceQuota key of one namespace: used, hard, percent and level, fullest first. */
export function NamespaceQuotaTable(props: { usage: NamespaceQuotaUsage }) {
  const classes = useLevelStyles();
  const columns = useMemo(
    () =>
      quotaColumns({
        warning: classes.warningText,
        critical: classes.criticalText,
      }),
    [classes.warningText, classes.criticalText],
  );
  // material-table writes its row state into the objects it is given.
  const rows = useMemo(
    () => props.usage.resources.map(usage => ({ ...usage })),
    [props.usage.resources],
  );
  return (
    <Table<QuotaResourceUsage>
      title={`Quota of ${describeNamespace(props.usage)}`}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={rows}
    />
  );
}
