// Lists every Grafana panel query and every alert/recording rule expression the chart ships
// (helm/daybook/files/observability), every metric name each one uses, and checks each name
// against the metrics something really exports:
//   - the apps: every prom-client Counter/Gauge/Histogram/Summary declared in packages/ and
//     services/ (histograms and summaries expand to _bucket/_sum/_count), read from source;
//   - daprd: scripts/metrics/daprd.txt, derived from the pinned dapr module's own source
//     (pkg/diagnostics) with `--write-daprd <dapr module dir>`, less the names daprd never
//     records for Daybook's use of it (scripts/metrics/daprd-not-emitted.yaml: the non-bulk
//     pub/sub series, since every subscription and outbox publish is bulk);
//   - other exporters (Kafka lag exporter, kube-state-metrics, the kubelet's cAdvisor,
//     Prometheus itself): scripts/metrics/external.yaml, each with its source.
// A static check: a live check against the cluster's Prometheus (every query returns series)
// comes with the cluster tests.
//
//   node --import tsx scripts/check-metrics.ts            table of unknown names; exit 1 if any
//   node --import tsx scripts/check-metrics.ts --list     every query with its metric names
//   node --import tsx scripts/check-metrics.ts --write-daprd "$(go env GOMODCACHE)/github.com/dapr/dapr@v1.18.2"
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { parse as parseYaml } from 'yaml';

const ROOT = join(__dirname, '..');
const OBS = join(ROOT, 'helm', 'daybook', 'files', 'observability');
const CATALOGUE = join(__dirname, 'metrics');

export interface Query {
  /** Where it comes from: "dashboard <file>: <panel title> [refId]" or "alert <name>". */
  source: string;
  expr: string;
}

// Grafana's built-in interval variables become a duration; other $variables sit in label
// values (strings), which the parser takes as they are.
function unGrafana(expr: string): string {
  return expr.replace(/\$__(rate_interval|interval|range)\b|\$\{__(rate_interval|interval|range)\}/g, '5m');
}

/** The metric names a PromQL expression selects (by name or by {__name__="..."}). */
export function metricNames(expr: string): string[] {
  const text = unGrafana(expr);
  const tree = parser.parse(text);
  const names = new Set<string>();
  const errors: string[] = [];
  tree.iterate({
    enter(node) {
      if (node.type.isError) errors.push(text.slice(Math.max(0, node.from - 10), node.to + 10));
      if (node.name === 'VectorSelector') {
        const id = node.node.getChild('Identifier');
        if (id) names.add(text.slice(id.from, id.to));
      }
      if (node.name === 'UnquotedLabelMatcher' || node.name === 'QuotedLabelMatcher') {
        const label = node.node.getChild('LabelName');
        const op = node.node.getChild('MatchOp');
        const value = node.node.getChild('StringLiteral');
        if (
          label &&
          value &&
          op &&
          text.slice(label.from, label.to) === '__name__' &&
          text.slice(op.from, op.to) === '='
        ) {
          names.add(JSON.parse(text.slice(value.from, value.to).replace(/^'|'$/g, '"')) as string);
        }
      }
    },
  });
  if (errors.length) throw new Error(`cannot parse PromQL near ${JSON.stringify(errors[0])} in: ${expr}`);
  return [...names].sort();
}

interface Panel {
  title?: string;
  panels?: Panel[];
  targets?: { expr?: string; refId?: string }[];
}

/** Every query of a Grafana dashboard's panels (rows' nested panels too) and of its templating. */
export function dashboardQueries(
  file: string,
  json: { panels?: Panel[]; templating?: { list?: { name: string; query?: unknown }[] } },
): Query[] {
  const out: Query[] = [];
  const walk = (panels: Panel[] = []) => {
    for (const p of panels) {
      for (const t of p.targets ?? []) {
        if (t.expr) out.push({ source: `dashboard ${file}: ${p.title ?? '?'} [${t.refId ?? '?'}]`, expr: t.expr });
      }
      walk(p.panels);
    }
  };
  walk(json.panels);
  for (const v of json.templating?.list ?? []) {
    const q = typeof v.query === 'string' ? v.query : (v.query as { query?: string } | undefined)?.query;
    // label_values(metric, label) names a metric too.
    const m = q && /^label_values\(\s*([a-zA-Z_:][\w:]*)/.exec(q);
    if (m) out.push({ source: `dashboard ${file}: variable $${v.name}`, expr: m[1] ?? '' });
  }
  return out;
}

/** Every alert and recording rule expression of a Prometheus rule file. */
export function ruleQueries(
  file: string,
  doc: { groups?: { name: string; rules: { alert?: string; record?: string; expr: string }[] }[] },
): Query[] {
  return (doc.groups ?? []).flatMap((g) =>
    g.rules.map((r) => ({
      source: `${r.alert ? 'alert' : 'record'} ${r.alert ?? r.record} (${file})`,
      expr: String(r.expr),
    })),
  );
}

/** Series names of the prom-client metrics declared in TypeScript source. */
export function promClientMetrics(source: string): string[] {
  const out: string[] = [];
  const re =
    /new\s+(Counter|Gauge|Histogram|Summary)\s*(?:<[^>]*>)?\(\s*\{[^}]*?\bname:\s*['"`]([a-zA-Z_:][\w:]*)['"`]/gs;
  for (const m of source.matchAll(re)) {
    const [, kind, name = ''] = m;
    out.push(name);
    if (kind === 'Histogram') out.push(`${name}_bucket`, `${name}_sum`, `${name}_count`);
    if (kind === 'Summary') out.push(`${name}_sum`, `${name}_count`);
  }
  return out;
}

/**
 * daprd's metric names from dapr's pkg/diagnostics source: each OpenCensus measure
 * (stats.Int64/Float64("a/b/c")) is exported as dapr_a_b_c; views aggregated with a
 * distribution (every latency view) also get _bucket/_sum/_count.
 */
export function daprdMetricsFromSource(files: Record<string, string>): string[] {
  const out = new Set<string>();
  for (const src of Object.values(files)) {
    const fields = new Map<string, string>();
    for (const [, field = '', measure = ''] of src.matchAll(/(\w+)\s*[:=]\s*stats\.(?:Int64|Float64)\(\s*"([^"]+)"/g)) {
      fields.set(field, measure);
    }
    for (const [, field = '', aggregation = ''] of src.matchAll(
      /NewMeasureView\(\s*(?:\w+\.)?(\w+)\s*,[^;]*?,\s*([\w.()]+)\s*\)/g,
    )) {
      const measure = fields.get(field);
      if (!measure) continue;
      const name = `dapr_${measure.replace(/[/.-]/g, '_')}`;
      out.add(name);
      if (!/Count\(\)|LastValue\(\)|Sum\(\)/.test(aggregation)) {
        for (const s of ['_bucket', '_sum', '_count']) out.add(name + s);
      }
    }
  }
  return [...out].sort();
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'generated' || entry === 'dist') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...tsFiles(path));
    else if (entry.endsWith('.ts') && !entry.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

/** Every exported metric name, with where it comes from. */
export function exportedMetrics(root = ROOT): Map<string, string> {
  const known = new Map<string, string>();
  for (const dir of ['packages', 'services']) {
    for (const file of tsFiles(join(root, dir))) {
      for (const name of promClientMetrics(readFileSync(file, 'utf8'))) known.set(name, relative(root, file));
    }
  }
  for (const name of readFileSync(join(CATALOGUE, 'daprd.txt'), 'utf8').split('\n')) {
    if (name && !name.startsWith('#')) known.set(name.trim(), 'daprd (scripts/metrics/daprd.txt)');
  }
  const external = parseYaml(readFileSync(join(CATALOGUE, 'external.yaml'), 'utf8')) as Record<
    string,
    { metrics: string[] }
  >;
  for (const [exporter, { metrics }] of Object.entries(external)) for (const name of metrics) known.set(name, exporter);
  return known;
}

export function allQueries(dir = OBS): Query[] {
  const queries: Query[] = [];
  for (const f of readdirSync(join(dir, 'dashboards')).filter((f) => f.endsWith('.json'))) {
    queries.push(...dashboardQueries(f, JSON.parse(readFileSync(join(dir, 'dashboards', f), 'utf8'))));
  }
  queries.push(...ruleQueries('rules.yaml', parseYaml(readFileSync(join(dir, 'rules.yaml'), 'utf8'))));
  return queries;
}

/** Names daprd has but never records for Daybook, with the reason and the one to use. */
export function notEmitted(): Map<string, string> {
  const doc = parseYaml(readFileSync(join(CATALOGUE, 'daprd-not-emitted.yaml'), 'utf8')) as Record<string, string>;
  return new Map(Object.entries(doc));
}

export interface Finding {
  source: string;
  expr: string;
  metrics: { name: string; exportedBy?: string; why?: string }[];
}

export function check(
  queries: Query[],
  known: Map<string, string>,
  excluded: Map<string, string> = new Map(),
): { findings: Finding[]; unknown: Finding[] } {
  const findings = queries.map((q) => ({
    ...q,
    metrics: metricNames(q.expr).map((name) =>
      excluded.has(name) ? { name, why: excluded.get(name) } : { name, exportedBy: known.get(name) },
    ),
  }));
  for (const f of findings) {
    if (f.metrics.length === 0) throw new Error(`${f.source}: the query names no metric: ${f.expr}`);
  }
  return { findings, unknown: findings.filter((f) => f.metrics.some((m) => !m.exportedBy)) };
}

function main(argv: string[]) {
  const [command, moduleDir] = argv;
  if (command === '--write-daprd') {
    if (!moduleDir) throw new Error('usage: --write-daprd <dapr module dir>');
    const dir = join(moduleDir, 'pkg', 'diagnostics');
    const files: Record<string, string> = {};
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.go') && !f.endsWith('_test.go'))) {
      files[f] = readFileSync(join(dir, f), 'utf8');
    }
    const names = daprdMetricsFromSource(files);
    const header = `# daprd's Prometheus metric names, from ${basename(moduleDir)}/pkg/diagnostics\n# (node --import tsx scripts/check-metrics.ts --write-daprd <dapr module dir>)\n`;
    writeFileSync(join(CATALOGUE, 'daprd.txt'), header + names.join('\n') + '\n');
    console.log(`scripts/metrics/daprd.txt: ${names.length} names`);
    return 0;
  }
  const { findings, unknown } = check(allQueries(), exportedMetrics(), notEmitted());
  if (argv.includes('--list')) {
    for (const f of findings) {
      console.log(`${f.source}\n  ${f.expr.replace(/\s+/g, ' ').trim()}`);
      for (const m of f.metrics) {
        console.log(
          `    ${m.exportedBy ? 'ok     ' : 'UNKNOWN'} ${m.name}  (${m.exportedBy ?? m.why ?? 'exported by nothing known'})`,
        );
      }
    }
  }
  const names = new Set(findings.flatMap((f) => f.metrics.map((m) => m.name)));
  console.log(
    `${findings.length} queries (panels and rules) use ${names.size} metric names; ${unknown.length} name one nothing exports`,
  );
  for (const f of unknown) {
    for (const m of f.metrics.filter((x) => !x.exportedBy)) {
      console.log(`  ${f.source}: ${m.name} (${m.why ?? 'exported by nothing known'})`);
    }
  }
  return unknown.length ? 1 : 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
