import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createMetrics } from '../../../src/metrics/metrics';

const dir = path.resolve(__dirname, '../../../config/observability');
const rules = readFileSync(path.join(dir, 'porchlight-alerts.yml'), 'utf8');
const dashboard = JSON.parse(readFileSync(path.join(dir, 'porchlight-dashboard.json'), 'utf8')) as {
  panels: Array<{ title: string; targets: Array<{ expr: string }> }>;
};

/** Families the app registers, and the series names each exposes (histograms add three). */
async function registeredSeries(): Promise<{ families: string[]; series: Set<string> }> {
  const { registry } = createMetrics({
    outboxDepth: async () => ({}),
    unknownCount: async () => 0,
    oldestDue: async () => new Map(),
    carriers: [],
    now: () => new Date(),
  });
  const families = (await registry.getMetricsAsJSON()).map((m) => ({
    name: m.name,
    type: String(m.type),
  }));
  const series = new Set(
    families.flatMap(({ name, type }) =>
      type === 'histogram' ? [`${name}_bucket`, `${name}_count`, `${name}_sum`] : [name],
    ),
  );
  return { families: families.map((f) => f.name), series };
}

/** Metric names in PromQL: identifiers followed by a selector, a range or the end of a term. */
function metricNames(expr: string): string[] {
  const functionsAndKeywords = new Set([
    'sum',
    'max',
    'min',
    'rate',
    'increase',
    'delta',
    'by',
    'and',
    'histogram_quantile',
  ]);
  return [...expr.replace(/"[^"]*"/g, '""').matchAll(/\b([a-z_][a-z0-9_]*)\b(?!\s*\()/g)]
    .map((m) => m[1] as string)
    .filter((name) => name.includes('_') && !functionsAndKeywords.has(name));
}

const ruleExprs = [...rules.matchAll(/expr: (?:\|\n((?: {10}.*\n)+)|(.*))/g)].map(
  (m) => (m[1] ?? m[2]) as string,
);
const dashboardExprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));

describe('the observability files in config/observability', () => {
  it('when the alert rules name a metric, then it is one the app registers', async () => {
    const { series } = await registeredSeries();
    const used = ruleExprs.flatMap(metricNames);
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((name) => !series.has(name))).toEqual([]);
  });

  it('when the dashboard names a metric, then it is one the app registers', async () => {
    const { series } = await registeredSeries();
    const used = dashboardExprs.flatMap(metricNames);
    expect(used.filter((name) => !series.has(name))).toEqual([]);
  });

  it('when the app registers a porchlight metric, then the dashboard shows it', async () => {
    const { families } = await registeredSeries();
    const shown = new Set(
      dashboardExprs.flatMap(metricNames).map((n) => n.replace(/_(bucket|count|sum)$/, '')),
    );
    expect(families.filter((f) => f.startsWith('porchlight_') && !shown.has(f))).toEqual([]);
  });

  it('when the rules are read, then the five alerts the README explains are there', () => {
    const alerts = [...rules.matchAll(/- alert: (\w+)/g)].map((m) => m[1]);
    expect(alerts).toEqual([
      'PorchlightTrackingStale',
      'PorchlightCarrierFailing',
      'PorchlightOutboxGrowing',
      'PorchlightUnknownUnresolved',
      'PorchlightProviderFailureRatio',
    ]);
    const readme = readFileSync(path.resolve(__dirname, '../../../README.md'), 'utf8');
    for (const alert of alerts) expect(readme).toContain(`\`${alert}\``);
  });
});
