import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { Figures, InsightsReport } from '../insights/index.js';
import { profileFor } from '../networks/index.js';
import {
  BEST_TIME_NOTE,
  cellText,
  columnsFor,
  ENGAGEMENT_NOTE,
  measuredLine,
  periodLine,
  shareText,
  shortDate,
  targetText,
} from './insights-shared.js';

type Spec = vegaLite.TopLevelSpec;
type UnitSpec = Record<string, unknown>;

const WIDTH = 560;
const HEIGHT = 220;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/**
 * `plan insights --chart FILE.svg`: the weekly engagement per network and per objective, one SVG drawn
 * by Vega-Lite and Vega's SVG renderer (no browser needed).
 */
export async function formatInsightsChart(report: InsightsReport): Promise<string> {
  return svgOf({ $schema: 'https://vega.github.io/schema/vega-lite/v6.json', vconcat: [weeklyByNetwork(report), weeklyByObjective(report)], config: CONFIG } as unknown as Spec);
}

/** `plan insights --format html`: one self-contained page (inline SVG charts, no script, nothing fetched). */
export async function formatInsightsHtml(report: InsightsReport, options: { toolVersion: string }): Promise<string> {
  const charts = report.posts.length === 0 ? [] : await Promise.all([weeklyByNetwork(report), weeklyByObjective(report), mix(report), targets(report)].filter(Boolean).map((unit) => svgOf(topLevel(unit!))));
  const [byNetwork, byObjective, mixChart, targetChart] = charts;
  const body = report.posts.length === 0
    ? ['<p>No post was published in this period.</p>']
    : [
        section('Week by week', `<figure>${byNetwork}<figcaption>Engagement of the posts published each week, per network (weeks start on Monday).</figcaption></figure>`, `<figure>${byObjective}<figcaption>The same, per objective.</figcaption></figure>`),
        section('By objective', table(['Objective', 'Share of posts', 'Target'], report.objectives, (o) => [o.label, shareText(o), targetText(o.target)]), mixChart ? `<figure>${mixChart}<figcaption>Share of posts per objective (bars) and the planned share (marks).</figcaption></figure>` : '', targetChart ? `<figure>${targetChart}<figcaption>Progress toward each target over the period (100% is on target).</figcaption></figure>` : ''),
        section('By network', table(['Network'], report.networks, (n) => [n.label])),
        section('By audience', '<p>A post counts in each audience it names.</p>', table(['Audience'], report.audiences, (a) => [a.label])),
        section('Best time to post', `<p>${escape(BEST_TIME_NOTE[0]!.toUpperCase() + BEST_TIME_NOTE.slice(1))}.</p>`, `<ul>${report.bestTimes.map((n) => `<li><strong>${escape(profileFor(n.network).label)}</strong>: ${escape(n.cells.map(cellText).join(' · '))}</li>`).join('')}</ul>`),
        `<p class="note">${escape(ENGAGEMENT_NOTE)}</p>`,
      ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="plan ${escape(options.toolVersion)}">
<title>${escape(periodLine(report))}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escape(periodLine(report))}</h1>
<p>${escape(measuredLine(report))}</p>
${body.join('\n')}
</main>
</body>
</html>
`;
}

const STYLE = `
body { font-family: ${FONT}; color: #1f2328; background: #fff; margin: 0; }
main { max-width: 980px; margin: 0 auto; padding: 24px 16px 48px; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .3rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; display: block; overflow-x: auto; }
th, td { padding: .35rem .6rem; border: 1px solid #d0d7de; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #f6f8fa; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
figcaption, .note { color: #59636e; font-size: .85rem; }
`;

function section(title: string, ...parts: string[]): string {
  return `<section><h2>${escape(title)}</h2>${parts.join('\n')}</section>`;
}

function table<T extends Figures>(heads: [string, ...string[]], rows: readonly T[], cells: (row: T) => [string, ...string[]]): string {
  const columns = columnsFor(rows);
  const head = [heads[0], ...columns.map((c) => c.head), ...heads.slice(1)].map((h) => `<th>${escape(h)}</th>`).join('');
  const body = rows
    .map((row) => {
      const [name, ...trailing] = cells(row);
      return `<tr><td>${escape(name)}</td>${columns.map((c) => `<td class="n">${escape(c.value(row))}</td>`).join('')}${trailing.map((t) => `<td>${escape(t)}</td>`).join('')}</tr>`;
    })
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const CONFIG = { font: FONT, view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 11 }, legend: { labelFontSize: 11, titleFontSize: 11, labelLimit: 260 } };

function topLevel(unit: UnitSpec): Spec {
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', ...unit, config: CONFIG } as unknown as Spec;
}

function weekAxis(report: InsightsReport) {
  return { field: 'week', type: 'ordinal', title: 'week of', sort: report.weeks.map((w) => shortDate(w.week)), axis: { labelAngle: 0 } };
}

function weeklyByNetwork(report: InsightsReport): UnitSpec {
  const values = report.weeks.flatMap((w) => report.networks.map((n) => ({ week: shortDate(w.week), network: n.label, engagement: w.networks.find((x) => x.network === n.network)?.engagement ?? 0 })));
  return {
    title: 'Engagement per week, by network',
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: { x: weekAxis(report), y: { field: 'engagement', type: 'quantitative', title: 'engagement' }, color: { field: 'network', type: 'nominal', title: 'network' } },
  };
}

function weeklyByObjective(report: InsightsReport): UnitSpec {
  const objectives = report.objectives.filter((o) => o.publications > 0);
  const values = report.weeks.flatMap((w) => objectives.map((o) => ({ week: shortDate(w.week), objective: o.label, engagement: w.objectives.find((x) => x.objective === o.objective)?.engagement ?? 0 })));
  return {
    title: 'Engagement per week, by objective',
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    mark: { type: 'bar' },
    encoding: { x: weekAxis(report), y: { field: 'engagement', type: 'quantitative', title: 'engagement', stack: 'zero' }, color: { field: 'objective', type: 'nominal', title: 'objective' } },
  };
}

function mix(report: InsightsReport): UnitSpec | undefined {
  const objectives = report.objectives.filter((o) => o.share.planned !== undefined || o.posts > 0);
  if (objectives.length === 0) return undefined;
  const values = objectives.map((o) => ({ objective: o.label, actual: o.share.actual, planned: o.share.planned ?? null }));
  const y = { field: 'objective', type: 'nominal', title: null, sort: null };
  return {
    title: 'Objective mix: share of posts against the plan (%)',
    width: WIDTH - 160,
    data: { values },
    layer: [
      { mark: { type: 'bar', color: '#4c78a8' }, encoding: { y, x: { field: 'actual', type: 'quantitative', title: 'percent of posts' } } },
      { mark: { type: 'tick', color: '#e45756', thickness: 3 }, encoding: { y, x: { field: 'planned', type: 'quantitative' } } },
    ],
  };
}

function targets(report: InsightsReport): UnitSpec | undefined {
  const measured = report.objectives.filter((o) => o.target?.ratio !== undefined);
  if (measured.length === 0) return undefined;
  const values = measured.map((o) => ({ objective: `${o.label} (${o.target!.metric})`, percent: Math.round(o.target!.ratio! * 100) }));
  const y = { field: 'objective', type: 'nominal', title: null, sort: null };
  return {
    title: 'Progress toward each target (% of target)',
    width: WIDTH - 160,
    data: { values },
    layer: [
      { mark: { type: 'bar', color: '#54a24b' }, encoding: { y, x: { field: 'percent', type: 'quantitative', title: 'percent of target' } } },
      { mark: { type: 'rule', color: '#1f2328', strokeDash: [4, 3] }, encoding: { x: { datum: 100 } } },
    ],
  };
}

async function svgOf(spec: Spec): Promise<string> {
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
