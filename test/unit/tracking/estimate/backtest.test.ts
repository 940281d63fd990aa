import { isBusinessDay, localDay } from '../../../../src/tracking/estimate/business-calendar';
import { calendarOf } from '../../../../src/tracking/estimate/service-standards';
import { figuresOf } from '../../../../src/tracking/estimate/backtest/backtest-report';
import { replay } from '../../../../src/tracking/estimate/backtest/replay';
import { syntheticHistory } from '../../../../src/tracking/estimate/backtest/synthetic-history';
import { defaultEstimatorPolicy } from '../../../../src/tracking/estimate/estimator-policy';
import { standards } from './estimate-fixtures';

const options = { seed: 3, start: '2026-09-07', weeks: 16, parcelsPerWeek: 120 };

describe('the estimate backtest', () => {
  it('when the same seed is generated twice, then the history is the same', () => {
    const a = syntheticHistory(standards, options);
    const b = syntheticHistory(standards, options);
    expect(b).toEqual(a);
    expect(a.length).toBeGreaterThan(1500);
  });

  it('when a small history is replayed, then every figure is computed and sane', () => {
    const history = syntheticHistory(standards, options);
    // Weekends and holidays: no parcel is delivered on a day its carrier does not work.
    const onBusinessDays = history.every((s) => {
      const calendar = calendarOf(standards[s.lane.carrier]!);
      return isBusinessDay(localDay(s.deliveredAt, calendar.timeZone), calendar);
    });
    expect(onBusinessDays).toBe(true);
    expect(history.some((s) => s.held)).toBe(true);
    const figures = figuresOf(
      replay(history, standards, defaultEstimatorPolicy, { warmUpWeeks: 4 }),
    );
    expect(figures.deliveries).toBeGreaterThan(1000);
    expect(figures.maeDays).toBeGreaterThan(0);
    expect(figures.maeDays).toBeLessThan(1.5);
    expect(figures.insideWindow).toBeGreaterThan(0.6);
    expect(figures.windowDays).toBeGreaterThanOrEqual(1);
    expect(figures.windowDays).toBeLessThanOrEqual(2);
    expect(figures.learnedShare).toBeGreaterThan(0.5);
    for (const share of [figures.alarmPrecision, figures.alarmRecall, figures.falseAlarmRate])
      expect(share).toBeGreaterThanOrEqual(0);
    expect(figures.alarmRecall).toBeGreaterThan(0);
    expect(figures.falseAlarmRate).toBeLessThan(0.2);
  });
});
