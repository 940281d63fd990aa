import path from 'node:path';
import { readServiceStandards } from '../config/service-standards';
import { backtestFigures, formatBacktest } from '../tracking/estimate/backtest/backtest-report';
import { replay } from '../tracking/estimate/backtest/replay';
import { syntheticHistory } from '../tracking/estimate/backtest/synthetic-history';
import { defaultEstimatorPolicy } from '../tracking/estimate/estimator-policy';

/**
 * `npm run eta:backtest [-- --seed 7 --weeks 52 --per-week 400]`: generates a synthetic
 * history, replays it in time order and prints how Porchlight's estimates would have done.
 */
function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number`);
  return value;
}

const loaded = readServiceStandards(path.resolve(__dirname, '../../config'));
if ('problems' in loaded) throw new Error(loaded.problems.join('\n'));
const options = {
  seed: option('seed', 7),
  start: '2026-01-05',
  weeks: option('weeks', 52),
  parcelsPerWeek: option('per-week', 400),
};
const history = syntheticHistory(loaded.standards, options);
const scored = replay(history, loaded.standards, defaultEstimatorPolicy, { warmUpWeeks: 4 });
console.log(
  `Synthetic history (seed ${options.seed}, ${options.weeks} weeks from ${options.start}, ${history.length} parcels); figures from the 5th week on, predicted at pickup:`,
);
console.log(formatBacktest(backtestFigures(scored)));
