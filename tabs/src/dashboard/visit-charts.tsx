/**
 * The Dashboard's charts per day: visits and completed, and the median wait. Loaded on its own
 * (React.lazy) so the page shows its figures before the chart library (d3 included) arrives.
 */
import { LineChart } from '@fluentui/react-charts';
import type { LineChartPoints } from '@fluentui/react-charts';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { VisitStatsDto } from '../../../bot/src/contracts/visit-stats-api';
import { minutesOf } from './figures';

const useStyles = makeStyles({
  charts: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(320px, 1fr))', gap: tokens.spacingHorizontalXL },
});

// The days are calendar days: drawn at UTC midnight with UTC axes, so no zone moves them.
const dayAt = (day: string) => new Date(`${day}T00:00:00Z`);

export function VisitCharts({ days }: { days: VisitStatsDto['days'] }) {
  const styles = useStyles();
  const counts: LineChartPoints[] = [
    { legend: 'Visits', data: days.map((day) => ({ x: dayAt(day.day), y: day.visits })) },
    { legend: 'Completed', data: days.map((day) => ({ x: dayAt(day.day), y: day.completed })) },
  ];
  const waits: LineChartPoints[] = [
    {
      legend: 'Median wait (min)',
      data: days.flatMap((day) => {
        const minutes = minutesOf(day.medianWaitSeconds);
        return minutes === null ? [] : [{ x: dayAt(day.day), y: minutes }];
      }),
    },
  ];
  // A small clinic's counts would otherwise get ticks such as 0.25 visits; 4 and up tick in whole numbers.
  const countsTop = Math.max(4, ...days.map((day) => day.visits));
  return (
    <div className={styles.charts}>
      <LineChart data={{ chartTitle: 'Visits and completed per day', lineChartData: counts }} height={260} useUTC yAxisTitle="Visits" yMaxValue={countsTop} />
      <LineChart data={{ chartTitle: 'Median wait per day', lineChartData: waits }} height={260} useUTC yAxisTitle="Minutes" />
    </div>
  );
}
