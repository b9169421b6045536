import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  allQueries,
  check,
  daprdMetricsFromSource,
  dashboardQueries,
  exportedMetrics,
  metricNames,
  notEmitted,
  promClientMetrics,
  ruleQueries,
} from './check-metrics';

describe('metricNames', () => {
  it('finds every selected metric, not functions, label names or Grafana variables', () => {
    const expr =
      'histogram_quantile(0.95, sum by (service, le) (rate(a_bucket{namespace=~"$namespace"}[$__rate_interval]))) > 5 ' +
      'and on (service) b unless sum(label_replace(rate(c_count[5m]), "x", "${1}xx", "status", "(.)..")) or {__name__="d"}';
    expect(metricNames(expr)).toEqual(['a_bucket', 'b', 'c_count', 'd']);
  });

  it('refuses a query it cannot parse', () => {
    expect(() => metricNames('sum(rate(a[5m])')).toThrow(/cannot parse/);
  });
});

describe('queries', () => {
  it('takes every target of every panel, rows included, and every rule', () => {
    const dash = {
      panels: [
        {
          title: 'A',
          targets: [
            { refId: 'A', expr: 'x' },
            { refId: 'B', expr: 'y' },
          ],
        },
        { title: 'row', panels: [{ title: 'B', targets: [{ refId: 'A', expr: 'z' }] }] },
      ],
    };
    expect(dashboardQueries('d.json', dash).map((q) => q.expr)).toEqual(['x', 'y', 'z']);
    const rules = {
      groups: [
        {
          name: 'g',
          rules: [
            { alert: 'Hot', expr: 'temp > 1' },
            { record: 'r:x', expr: 'sum(x)' },
          ],
        },
      ],
    };
    expect(ruleQueries('r.yaml', rules).map((q) => q.source)).toEqual(['alert Hot (r.yaml)', 'record r:x (r.yaml)']);
  });
});

describe('exported metrics', () => {
  it('reads prom-client declarations, expanding histograms', () => {
    const src = `new Counter({ name: 'a_total', help: 'x' }); new Histogram({\n  name: 'b_seconds',\n  help: 'y', buckets: [1] });`;
    expect(promClientMetrics(src)).toEqual([
      'a_total',
      'b_seconds',
      'b_seconds_bucket',
      'b_seconds_sum',
      'b_seconds_count',
    ]);
  });

  it("derives daprd's names from OpenCensus measures and their views' aggregation", () => {
    const go = `
      pubsubIngressCount: stats.Int64(
        "component/pubsub_ingress/count", "n", stats.UnitDimensionless),
      bulkPubsubIngressLatency: stats.Float64(
        "component/pubsub_ingress/bulk/latencies", "l", stats.UnitMilliseconds),
      ...
      diagUtils.NewMeasureView(c.pubsubIngressCount, []tag.Key{appIDKey, topicKey}, view.Count()),
      diagUtils.NewMeasureView(c.bulkPubsubIngressLatency, []tag.Key{appIDKey}, latencyDistribution),`;
    expect(daprdMetricsFromSource({ 'x.go': go })).toEqual([
      'dapr_component_pubsub_ingress_bulk_latencies',
      'dapr_component_pubsub_ingress_bulk_latencies_bucket',
      'dapr_component_pubsub_ingress_bulk_latencies_count',
      'dapr_component_pubsub_ingress_bulk_latencies_sum',
      'dapr_component_pubsub_ingress_count',
    ]);
  });
});

describe('the shipped dashboards and rules', () => {
  const known = exportedMetrics();

  it('name only metrics the apps, daprd or a listed exporter export', () => {
    const { findings, unknown } = check(allQueries(), known, notEmitted());
    expect(findings.length).toBeGreaterThan(30);
    expect(unknown.map((f) => f.source)).toEqual([]);
  });

  it("flag the non-bulk pub/sub series daprd never records for Daybook (the panels' old queries)", () => {
    const old = [
      { source: 'old panel', expr: 'sum by (app_id) (rate(dapr_component_pubsub_ingress_count[5m]))' },
      {
        source: 'old panel',
        expr: 'histogram_quantile(0.95, sum by (le) (rate(dapr_component_pubsub_ingress_latencies_bucket[5m])))',
      },
      { source: 'old alert', expr: 'sum(rate(dapr_component_pubsub_egress_count{success="false"}[5m])) > 0' },
      { source: 'no exporter', expr: 'kafka_consumergroup_lagg > 1' },
    ];
    const { unknown } = check(old, known, notEmitted());
    expect(unknown.flatMap((f) => f.metrics.map((m) => m.name))).toEqual([
      'dapr_component_pubsub_ingress_count',
      'dapr_component_pubsub_ingress_latencies_bucket',
      'dapr_component_pubsub_egress_count',
      'kafka_consumergroup_lagg',
    ]);
  });

  it('give every alert a runbook_url to a runbook that exists', () => {
    const rules = readFileSync(
      join(__dirname, '..', 'helm', 'daybook', 'files', 'observability', 'rules.yaml'),
      'utf8',
    );
    const alerts = [...rules.matchAll(/- alert: (\w+)/g)].map((m) => m[1]);
    const links = [...rules.matchAll(/runbook_url: RUNBOOK_BASE_URL\/([\w-]+\.md)/g)].map((m) => m[1] ?? '');
    expect(links).toHaveLength(alerts.length);
    for (const link of links) {
      expect(readFileSync(join(__dirname, '..', 'docs', 'runbooks', link), 'utf8')).toMatch(/^# /);
    }
  });
});
