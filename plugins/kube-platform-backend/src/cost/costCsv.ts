import type { EntityCostResponse } from '@kube-platform/plugin-kube-platform-common';

const HEADER = ['section', 'key', 'label', 'cpu', 'memory', 'storage', 'total'];

function cell(value: string | number | undefined): string {
  const text = value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The cost report as CSV: one `total` line, one `series` line per step (key =
 * its start), one `breakdown` line per item, amounts in `currency` units as in
 * the JSON (full precision, so both sum the same).
 */
export function entityCostCsv(report: EntityCostResponse): string {
  const lines = [HEADER];
  const amounts = (a: {
    cpu: number;
    memory: number;
    storage: number;
    total: number;
  }) => [a.cpu, a.memory, a.storage, a.total].map(String);
  lines.push([
    'total',
    report.entityRef,
    report.currency,
    ...amounts(report.total),
  ]);
  for (const point of report.series) {
    lines.push(['series', point.start, '', ...amounts(point)]);
  }
  for (const item of report.breakdown) {
    lines.push(['breakdown', item.key, item.label ?? '', ...amounts(item)]);
  }
  return `${lines.map(line => line.map(cell).join(',')).join('\n')}\n`;
}

/** A file name for the report: `cost-<kind>-<name>-<from>-<to>.csv`. */
export function entityCostFileName(report: EntityCostResponse): string {
  const safe = report.entityRef.replace(/[^a-zA-Z0-9._-]+/g, '-');
  return `cost-${safe}-${report.from.slice(0, 10)}-${report.to.slice(
    0,
    10,
  )}.csv`;
}
