/**
 * Dashboard: a care team's virtual visits over a range of days (the last 30 by default) in the
 * viewer's time zone: the figures for the period and per day, charts per day (loaded after the
 * figures), and the daily figures as CSV. Members of the team only; the API says so otherwise.
 */
import { Button, Field, Input, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { Suspense, lazy, useState } from 'react';
import type { VisitFiguresDto, VisitStatsDto } from '../../../bot/src/contracts/visit-stats-api';
import { MAX_STATS_DAYS } from '../../../bot/src/contracts/visit-stats-api';
import { toApiError } from '../shared/api-client';
import type { ApiError } from '../shared/api-error';
import { browserClock } from '../shared/clock';
import type { Clock } from '../shared/clock';
import { downloadText } from '../shared/download';
import { EmptyState } from '../shared/empty-state';
import { ErrorBar } from '../shared/error-bar';
import { ArrowClockwiseRegular } from '../shared/icons';
import type { TabSession } from '../shared/tab-root';
import { deepLinkSubPage } from '../shared/teams-host';
import { useLoad } from '../shared/use-load';
import { useReloadable } from '../shared/use-reloadable';
import { addDays, dayOf } from '../visits/visit-days';
import type { DayRange } from '../visits/visit-days';
import { fetchVisitStats, fetchVisitStatsCsv } from './dashboard-api';
import { NOT_MEASURED, callQualityText, minutesText, percentText, ratingText } from './figures';

const VisitCharts = lazy(() => import('./visit-charts').then((module) => ({ default: module.VisitCharts })));

/** A deep link opens the personal tab on one team with `subEntityId` "team:<team id>". */
const TEAM_SUB_PAGE = 'team:';

const DEFAULT_DAYS = 30;

const useStyles = makeStyles({
  filters: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalL, rowGap: tokens.spacingVerticalS },
  tableWrap: { overflowX: 'auto' },
  total: { fontWeight: tokens.fontWeightSemibold },
  notMeasured: { color: tokens.colorNeutralForeground3 },
});

const COLUMNS: readonly { label: string; value: (figures: VisitFiguresDto) => string | null }[] = [
  { label: 'Visits', value: (f) => String(f.visits) },
  { label: 'Completed', value: (f) => String(f.completed) },
  { label: 'No-shows', value: (f) => String(f.noShows) },
  { label: 'Cancelled', value: (f) => String(f.cancelled) },
  { label: 'Median wait', value: (f) => minutesText(f.medianWaitSeconds) },
  { label: '90th percentile wait', value: (f) => minutesText(f.p90WaitSeconds) },
  { label: 'Median visit length', value: (f) => minutesText(f.medianLengthSeconds) },
  { label: 'Device check failures', value: (f) => (f.deviceChecked === 0 ? '–' : `${percentText(f.deviceFailureRate)} (${f.deviceFailed} of ${f.deviceChecked})`) },
  // Null ("Not measured yet") where no call was measured: visits in Teams meetings, or none in a built-in room yet.
  { label: 'Call quality', value: (f) => callQualityText(f.callQuality) },
  { label: 'Patient feedback', value: (f) => ratingText(f.feedback) },
];

/** Days from `from` to `to`, both counted; null when either is not a date. */
function daysIn(range: DayRange): number | null {
  const from = Date.parse(`${range.from}T00:00:00Z`);
  const to = Date.parse(`${range.to}T00:00:00Z`);
  return Number.isNaN(from) || Number.isNaN(to) ? null : Math.round((to - from) / 86_400_000) + 1;
}

function rangeProblem(range: DayRange): string | undefined {
  const days = daysIn(range);
  if (days === null) return 'Choose both dates.';
  if (days < 1) return 'The end date must be on or after the start date.';
  if (days > MAX_STATS_DAYS) return `Choose at most ${MAX_STATS_DAYS} days.`;
  return undefined;
}

/** The team a deep link named (`subEntityId` "team:<team id>"), when Teams opened the personal tab from one. */
async function deepLinkedTeam(): Promise<string | undefined> {
  const subPage = await deepLinkSubPage();
  return subPage?.startsWith(TEAM_SUB_PAGE) ? subPage.slice(TEAM_SUB_PAGE.length) : undefined;
}

const NO_TEAM = (
  <EmptyState
    title="Open the Dashboard for a team"
    description="The Dashboard shows one care team’s visits. Open it from a link to your team’s dashboard, or add ?teamId=<team id> to the address outside Teams."
  />
);

export function DashboardPage({ session, clock = browserClock }: { session: TabSession; clock?: Clock }) {
  const { teamId, inTeams } = session.host;
  if (teamId) return <TeamDashboard session={session} clock={clock} teamId={teamId} />;
  return inTeams ? <DeepLinkedDashboard session={session} clock={clock} /> : NO_TEAM;
}

function DeepLinkedDashboard({ session, clock }: { session: TabSession; clock: Clock }) {
  const team = useLoad('team', deepLinkedTeam);
  if (team.kind === 'loading') return <Spinner label="Loading…" />;
  if (team.kind === 'failed') return <ErrorBar error={team.error} />;
  return team.value ? <TeamDashboard session={session} clock={clock} teamId={team.value} /> : NO_TEAM;
}

function TeamDashboard({ session, clock, teamId }: { session: TabSession; clock: Clock; teamId: string }) {
  const styles = useStyles();
  const { timeZone } = clock;
  const [range, setRange] = useState<DayRange>(() => {
    const today = dayOf(clock.now(), timeZone);
    return { from: addDays(today, 1 - DEFAULT_DAYS), to: today };
  });
  const problem = rangeProblem(range);

  return (
    <>
      <div role="search" aria-label="Choose the dates" className={styles.filters}>
        <Field label="From">
          <Input type="date" value={range.from} onChange={(_, data) => setRange((current) => ({ ...current, from: data.value }))} />
        </Field>
        <Field label="To" validationState={problem ? 'error' : 'none'} validationMessage={problem}>
          <Input type="date" value={range.to} onChange={(_, data) => setRange((current) => ({ ...current, to: data.value }))} />
        </Field>
      </div>
      {!problem && <Figures session={session} teamId={teamId} range={range} timeZone={timeZone} />}
    </>
  );
}

function Figures({ session, teamId, range, timeZone }: { session: TabSession; teamId: string; range: DayRange; timeZone: string }) {
  const styles = useStyles();
  const { api } = session;
  const { state, reload, refreshError } = useReloadable(`${teamId}/${range.from}/${range.to}`, () => fetchVisitStats(api, teamId, range, timeZone));
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<ApiError>();

  async function exportCsv() {
    setExporting(true);
    setExportError(undefined);
    try {
      const csv = await fetchVisitStatsCsv(api, teamId, range, timeZone);
      // The client decodes the body as text, which drops the byte-order mark Excel needs for UTF-8.
      downloadText(csv.startsWith('\uFEFF') ? csv : `\uFEFF${csv}`, `visit-figures-${range.from}-to-${range.to}.csv`, 'text/csv;charset=utf-8');
    } catch (error) {
      setExportError(toApiError(error));
    } finally {
      setExporting(false);
    }
  }

  const error = exportError ?? refreshError ?? (state.kind === 'failed' ? state.error : undefined);
  const stats: VisitStatsDto | undefined = state.kind === 'loaded' ? state.value : undefined;

  return (
    <>
      <div className={styles.filters}>
        <Button icon={<ArrowClockwiseRegular />} onClick={() => void reload()} disabled={state.kind === 'loading'}>
          Refresh
        </Button>
        <Button appearance="primary" onClick={() => void exportCsv()} disabled={!stats || exporting}>
          {exporting ? 'Exporting…' : 'Export CSV'}
        </Button>
      </div>
      {error && <ErrorBar error={error} />}
      {state.kind === 'loading' && <Spinner label="Loading the figures…" />}
      {stats && stats.totals.visits === 0 && (
        <EmptyState title="No visits in these dates" description="Visits scheduled from this team’s channels appear here once their day falls in the dates chosen." />
      )}
      {stats && stats.totals.visits > 0 && (
        <>
          <div className={styles.tableWrap}>
            <Table aria-label="Visit figures" size="small">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Day</TableHeaderCell>
                  {COLUMNS.map((column) => (
                    <TableHeaderCell key={column.label}>{column.label}</TableHeaderCell>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                <FiguresRow label={`${stats.from} to ${stats.to}`} figures={stats.totals} total />
                {stats.days
                  .filter((day) => day.visits > 0)
                  .map((day) => (
                    <FiguresRow key={day.day} label={day.day} figures={day} />
                  ))}
              </TableBody>
            </Table>
          </div>
          <Suspense fallback={<Spinner label="Loading the charts…" />}>
            <VisitCharts days={stats.days} />
          </Suspense>
        </>
      )}
    </>
  );
}

function FiguresRow({ label, figures, total = false }: { label: string; figures: VisitFiguresDto; total?: boolean }) {
  const styles = useStyles();
  return (
    <TableRow className={total ? styles.total : undefined}>
      <TableCell>{label}</TableCell>
      {COLUMNS.map((column) => {
        const value = column.value(figures);
        return (
          <TableCell key={column.label} className={value === null ? styles.notMeasured : undefined}>
            {value ?? NOT_MEASURED}
          </TableCell>
        );
      })}
    </TableRow>
  );
}
