import type { Scored } from './replay';

/** The figures the backtest prints, for all parcels or one carrier's. */
export interface BacktestFigures {
  deliveries: number;
  /** Mean absolute error of the most likely day, in business days, predicted at pickup. */
  maeDays: number;
  /** Share of deliveries inside the window predicted at pickup. */
  insideWindow: number;
  /** Mean business days the window covers. */
  windowDays: number;
  /** Share of predictions made from learned lane statistics (the rest: service standards). */
  learnedShare: number;
  lateShare: number;
  /** Of the parcels the early-delay rule flagged, the share that did arrive late. */
  alarmPrecision: number;
  /** Of the late parcels, the share flagged before delivery. */
  alarmRecall: number;
  /** Of the parcels that arrived on time, the share wrongly flagged. */
  falseAlarmRate: number;
}

const mean = (values: number[]) =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
const share = (values: Scored[], test: (s: Scored) => boolean) =>
  values.length ? values.filter(test).length / values.length : 0;

export function figuresOf(scored: Scored[]): BacktestFigures {
  const alarms = scored.filter((s) => s.alarmed);
  const late = scored.filter((s) => s.late);
  const onTime = scored.filter((s) => !s.late);
  return {
    deliveries: scored.length,
    maeDays: mean(scored.map((s) => Math.abs(s.error))),
    insideWindow: share(scored, (s) => s.inside),
    windowDays: mean(scored.map((s) => s.width)),
    learnedShare: share(scored, (s) => s.learned),
    lateShare: late.length / Math.max(1, scored.length),
    alarmPrecision: share(alarms, (s) => s.late),
    alarmRecall: share(late, (s) => s.alarmed),
    falseAlarmRate: share(onTime, (s) => s.alarmed),
  };
}

/** Overall, then per carrier. */
export function backtestFigures(
  scored: Scored[],
): Array<{ scope: string; figures: BacktestFigures }> {
  const carriers = [...new Set(scored.map((s) => s.carrier))].sort();
  return [
    { scope: 'all', figures: figuresOf(scored) },
    ...carriers.map((c) => ({
      scope: c,
      figures: figuresOf(scored.filter((s) => s.carrier === c)),
    })),
  ];
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export function formatBacktest(rows: Array<{ scope: string; figures: BacktestFigures }>): string {
  const header = [
    'scope',
    'parcels',
    'MAE bd',
    'in window',
    'width bd',
    'learned',
    'late',
    'alarm precision',
    'alarm recall',
    'false alarms',
  ];
  const lines = rows.map(({ scope, figures: f }) => [
    scope,
    String(f.deliveries),
    f.maeDays.toFixed(2),
    pct(f.insideWindow),
    f.windowDays.toFixed(2),
    pct(f.learnedShare),
    pct(f.lateShare),
    pct(f.alarmPrecision),
    pct(f.alarmRecall),
    pct(f.falseAlarmRate),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  return [header, ...lines]
    .map((l) => l.map((c, i) => c.padStart(widths[i]!)).join('  '))
    .join('\n');
}
