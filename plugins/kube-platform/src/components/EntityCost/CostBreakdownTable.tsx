import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { EntityCostResponse } from '../../api/costTypes';
import { formatMoney, formatRatio } from './costDisplay';
import { COST_GROUP_BY_OPTIONS } from './costWindows';

/** The report's breakdown, most expensive first, with each row's share of the total. */
export function CostBreakdownTable(props: { report: EntityCostResponse }) {
  const { report } = props;
  const money = (amount: number) => formatMoney(amount, report.currency);
  const heading =
    COST_GROUP_BY_OPTIONS.find(o => o.id === report.groupBy)?.label ??
    report.groupBy;
  const rows = [...report.breakdown].sort((a, b) => b.total - a.total);
  return (
    <Table size="small" aria-label={`Cost by ${report.groupBy}`}>
      <TableHead>
        <TableRow>
          <TableCell>{heading}</TableCell>
          <TableCell align="right">CPU</TableCell>
          <TableCell align="right">Memory</TableCell>
          <TableCell align="right">Storage</TableCell>
          <TableCell align="right">Total</TableCell>
          <TableCell align="right">Share</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(row => (
          <TableRow key={row.key}>
            <TableCell component="th" scope="row">
              {row.label ?? row.key}
            </TableCell>
            <TableCell align="right">{money(row.cpu)}</TableCell>
            <TableCell align="right">{money(row.memory)}</TableCell>
            <TableCell align="right">{money(row.storage)}</TableCell>
            <TableCell align="right">{money(row.total)}</TableCell>
            <TableCell align="right">
              {formatRatio(
                report.total.total > 0 ? row.total / report.total.total : null,
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
