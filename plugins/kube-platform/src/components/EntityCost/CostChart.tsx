import { useTheme } from '@material-ui/core/styles';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { EntityCostResponse } from '../../api/costTypes';
import { formatBucket, formatMoney } from './costDisplay';

const SERIES = [
  { key: 'cpu', name: 'CPU' },
  { key: 'memory', name: 'Memory' },
  { key: 'storage', name: 'Storage' },
] as const;

/** Stacked bars of CPU, memory and storage cost per hour or day of the window. */
export function CostChart(props: { report: EntityCostResponse }) {
  const theme = useTheme();
  const { report } = props;
  const colours = {
    cpu: theme.palette.primary.main,
    memory: theme.palette.secondary.main,
    storage: theme.palette.warning.main,
  };
  const data = report.series.map(point => ({
    ...point,
    label: formatBucket(point.start, report.step),
  }));
  const money = (value: unknown) => formatMoney(Number(value), report.currency);
  return (
    <div
      role="img"
      aria-label={`Cost per ${report.step} by CPU, memory and storage`}
      style={{ width: '100%', height: 320 }}
    >
      <ResponsiveContainer
        width="100%"
        height="100%"
        initialDimension={{ width: 800, height: 320 }}
      >
        <BarChart data={data} margin={{ top: 8, right: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={money} width={80} tick={{ fontSize: 12 }} />
          <Tooltip formatter={money} />
          <Legend />
          {SERIES.map(s => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.name}
              stackId="cost"
              fill={colours[s.key]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
