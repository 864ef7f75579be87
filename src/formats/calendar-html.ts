import {
  postStates,
  PUBLICATION_STATES,
  type Calendar,
  type CalendarPost,
  type CalendarWeek,
  type NetworkState,
  type NetworkWeek,
  type Observance,
  type PublicationState,
} from '../calendar/index.js';
import { addDays, daysBetween, mondayOf } from '../util/dates.js';
import type { NetworkId } from '../loading/schemas/index.js';
import { profileFor } from '../networks/index.js';
import { practiceTime } from '../review/when.js';

export interface HtmlOptions {
  toolVersion: string;
}

/** Each network's colour on the page (text colour on it second): near its own brand, yet told apart from the others. */
const NETWORK_COLOURS: Record<NetworkId, [background: string, text: string]> = {
  x: ['#14171a', '#ffffff'],
  facebook: ['#1877f2', '#ffffff'],
  instagram: ['#c13584', '#ffffff'],
  linkedin: ['#0f766e', '#ffffff'],
  bluesky: ['#38bdf8', '#0c2d48'],
  mastodon: ['#6d28d9', '#ffffff'],
};

interface StateLook {
  label: string;
  /** A sign on the chip, so the state reads without colour. */
  mark: string;
  /** What it means, for the legend. */
  meaning: string;
  /** What a post's card says after the label (the chip's tooltip has the whole reason); without it, the reason itself; empty, nothing. */
  note?: string;
}

const STATE_LOOKS: Record<PublicationState, StateLook> = {
  planned: { label: 'Planned', mark: '', meaning: 'publishes at its time' },
  draft: { label: 'Draft', mark: '✎', meaning: 'not marked ready: will not publish' },
  due: { label: 'Due now', mark: '◔', meaning: 'the next publish run sends it', note: 'the next publish run sends it' },
  published: { label: 'Published', mark: '✓', meaning: 'in the publish record; the chip links to it', note: '' },
  missed: { label: 'Missed', mark: '✗', meaning: 'over 24 hours late, not sent', note: 'over 24 hours late, not sent' },
  held: { label: 'Held', mark: '‖', meaning: 'an error, a missing approval or a safety hold stops it' },
  failed: { label: 'Failed', mark: '!', meaning: 'the network refused it' },
  unknown: { label: 'Check', mark: '?', meaning: 'may have gone out: the next run checks the account', note: 'may have gone out: the next run checks the account' },
  expired: { label: 'Expired', mark: '–', meaning: 'expires before it could go out' },
};

// Shown in the legend in this order: the usual first, then what needs a person.
const LEGEND_ORDER: readonly PublicationState[] = ['planned', 'draft', 'due', 'published', 'missed', 'held', 'failed', 'unknown', 'expired'];

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * `plan calendar --format html`: one self-contained page (inline CSS, no scripts, nothing fetched) with
 * the weeks as rows and the days as columns. Each post is a card with its time and title; each of its
 * networks is a chip in the network's colour, marked with where the post stands there.
 */
export function formatCalendarHtml(calendar: Calendar, options: HtmlOptions): string {
  const practice = calendar.practice || 'Social posts';
  const title = `${practice}: posts from ${longDate(calendar.from)} to ${longDate(calendar.to)}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="plan ${esc(options.toolVersion)}">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header class="page-head">
<h1>${esc(practice)} <span class="sub">social posts</span></h1>
<p class="range">${esc(longDate(calendar.from))} to ${esc(longDate(calendar.to))} · times in practice time (${esc(calendar.timeZone)})${calendar.now ? ` · as of ${esc(practiceTime(new Date(calendar.now), calendar.timeZone))}` : ''}</p>
${summary(calendar)}
${legend(calendar)}
${monthObservances(calendar)}
</header>
<main>
<table class="calendar">
<thead><tr><th class="week-col" scope="col">Week</th>${WEEKDAYS.map((day) => `<th scope="col">${day}</th>`).join('')}</tr></thead>
${calendar.weeks.map((week) => weekRows(week, calendar)).join('\n')}
</table>
</main>
${footer(calendar, options)}
</body>
</html>
`;
}

function summary(calendar: Calendar): string {
  const counts = calendar.states;
  if (!counts) return '';
  const parts = PUBLICATION_STATES.filter((state) => counts[state]).map((state) => `<li class="count" data-state="${state}"><b>${counts[state]}</b> ${neutralChip(state)}</li>`);
  const posts = calendar.weeks.reduce((sum, week) => sum + week.posts.length, 0);
  const gaps = calendar.gaps > 0 ? `<li class="count gaps">⚠ <b>${calendar.gaps}</b> ${calendar.gaps === 1 ? 'week' : 'weeks'} × network below the weekly target</li>` : '';
  return `<section class="summary" aria-label="Summary"><p>${posts} ${posts === 1 ? 'post' : 'posts'}; on each network:</p><ul>${parts.join('')}${gaps}</ul></section>`;
}

function legend(calendar: Calendar): string {
  const networks = calendar.networks.map((network) => `<li><span class="chip s-planned" style="${colours(network)}">${esc(profileFor(network).label)}</span></li>`).join('');
  const states = LEGEND_ORDER.map((state) => `<li>${neutralChip(state)} <b>${esc(STATE_LOOKS[state].label)}</b>: ${esc(STATE_LOOKS[state].meaning)}</li>`).join('');
  return `<section class="legend" aria-label="Legend">
<div><h2>Networks</h2><ul class="legend-networks">${networks}</ul></div>
<div><h2>On each network</h2><ul class="legend-states">${states}</ul></div>
<div><h2>Marks</h2><ul class="legend-marks"><li><span class="cad gap">⚠ 1/3</span> fewer posts that week than the weekly target in plans/networks.yaml</li><li><span class="obs-sample">◆</span> awareness days and weeks from plans/observances.yaml</li><li><span class="today-sample">Today</span></li></ul></div>
</section>`;
}

function monthObservances(calendar: Calendar): string {
  const months = calendar.observances.filter((o) => o.kind === 'month');
  if (months.length === 0) return '';
  const byMonth = new Map<string, Observance[]>();
  for (const observance of months) byMonth.set(observance.start.slice(0, 7), [...(byMonth.get(observance.start.slice(0, 7)) ?? []), observance]);
  const items = [...byMonth].map(([month, list]) => `<li><b>${esc(MONTH_NAMES[Number(month.slice(5, 7)) - 1]!)}</b>: ${list.map(observanceName).join(', ')}</li>`);
  return `<section class="months" aria-label="Awareness months"><h2>Awareness months</h2><ul>${items.join('')}</ul></section>`;
}

function weekRows(week: CalendarWeek, calendar: Calendar): string {
  const lanes = bandLanes(week);
  const head = `<th class="week-head" scope="row" rowspan="${lanes.length + 1}">${weekHead(week)}</th>`;
  const bandRows = lanes.map((lane, index) => `<tr class="bands">${index === 0 ? head : ''}${laneCells(lane)}</tr>`);
  const days = Array.from({ length: 7 }, (_, index) => dayCell(addDays(week.start, index), week, calendar));
  return `<tbody class="week" data-week="${week.start}">
${bandRows.join('\n')}
<tr class="days">${lanes.length === 0 ? head : ''}${days.join('')}</tr>
</tbody>`;
}

function weekHead(week: CalendarWeek): string {
  const cadence = week.networks.map(cadenceItem).join('');
  return `<div class="week-dates">${esc(shortDate(week.start))} – ${esc(shortDate(week.end))}</div><ul class="cadence">${cadence}</ul>`;
}

function cadenceItem(network: NetworkWeek): string {
  const label = profileFor(network.network).label;
  const count = network.target === undefined ? `${network.posts}` : `${network.posts}/${network.target}`;
  const title = network.target === undefined ? `${label}: ${network.posts} posts, no weekly target` : `${label}: ${network.posts} posts, weekly target ${network.target}${network.gap ? ' (below it)' : ''}`;
  return `<li class="cad${network.gap ? ' gap' : ''}" data-network="${network.network}" title="${esc(title)}">${swatch(network.network)}${esc(label)} <b>${network.gap ? '⚠ ' : ''}${count}</b></li>`;
}

type Band = { observance: Observance & { ongoing: boolean }; first: number; last: number };

/** The week's awareness days and weeks as bands over the days they cover, packed into as few rows as will hold them. */
function bandLanes(week: CalendarWeek): Band[][] {
  const bands = week.observances
    .filter((o) => o.kind !== 'month')
    .map((observance) => ({ observance, first: Math.max(0, daysBetween(week.start, observance.start)), last: Math.min(6, daysBetween(week.start, observance.end)) }))
    .sort((a, b) => a.first - b.first || b.last - a.last);
  const lanes: Band[][] = [];
  for (const band of bands) {
    const lane = lanes.find((l) => l[l.length - 1]!.last < band.first);
    if (lane) lane.push(band);
    else lanes.push([band]);
  }
  return lanes;
}

function laneCells(lane: Band[]): string {
  const cells: string[] = [];
  let day = 0;
  for (const band of lane) {
    if (band.first > day) cells.push(`<td class="band-gap" colspan="${band.first - day}"></td>`);
    const continued = band.observance.ongoing ? ' continued' : '';
    cells.push(`<td class="band${continued}" colspan="${band.last - band.first + 1}" data-observance="${esc(band.observance.name)}"><span>◆ ${observanceName(band.observance)}</span></td>`);
    day = band.last + 1;
  }
  if (day < 7) cells.push(`<td class="band-gap" colspan="${7 - day}"></td>`);
  return cells.join('');
}

function dayCell(date: string, week: CalendarWeek, calendar: Calendar): string {
  const posts = week.posts.filter((post) => post.date === date);
  const classes = ['day', date === calendar.today ? 'today' : '', calendar.today && date < calendar.today ? 'past' : ''].filter(Boolean).join(' ');
  const day = Number(date.slice(8, 10));
  const month = day === 1 || date === calendar.from ? ` <span class="month">${MONTHS[Number(date.slice(5, 7)) - 1]}</span>` : '';
  const today = date === calendar.today ? ' <span class="today-tag">Today</span>' : '';
  // The weekday shows where the columns do not (a phone's narrow screen stacks the days).
  const weekday = `<span class="weekday">${WEEKDAYS[daysBetween(week.start, date)]} </span>`;
  return `<td class="${classes}" data-date="${date}"><div class="date">${weekday}${day}${month}${today}</div>${posts.map((post) => postCard(post, calendar.networks)).join('')}</td>`;
}

function postCard(post: CalendarPost, networks: readonly NetworkId[]): string {
  // In the order of plans/networks.yaml, so each network's chip sits in the same place on every card.
  const states = [...postStates(post)].sort((a, b) => rank(networks, a.network) - rank(networks, b.network));
  const draft = post.status === 'draft' ? ' <span class="draft-tag">Draft</span>' : '';
  const hidden = post.hidden ? ' title="█████ hides what a PHI finding covers (run plan audit to see it)"' : '';
  return `<article class="post${post.status === 'draft' ? ' is-draft' : ''}" data-id="${esc(post.id)}" data-file="${esc(post.file)}">
<div class="post-head"><time datetime="${esc(post.at)}">${esc(clock(post.time))}</time>${draft}</div>
<div class="post-title"${hidden}>${esc(post.title)}</div>
<ul class="chips">${states.map((state) => `<li>${networkChip(state, post)}</li>`).join('')}</ul>
${notes(states)}</article>`;
}

function networkChip(state: NetworkState, post: CalendarPost): string {
  const label = profileFor(state.network).label;
  const tip = `${label}: ${STATE_LOOKS[state.state].label.toLowerCase()}${state.detail ? `: ${state.detail}` : ''}${state.url ? ` (${state.url})` : ''} · ${post.file}`;
  const inner = state.url ? `<a href="${esc(state.url)}">${esc(label)}</a>` : esc(label);
  return chip(state.network, state.state, inner, tip);
}

/** A post's chip on one network: the network's colour, the state's look, mark and (for screen readers) name. */
function chip(network: NetworkId, state: PublicationState, inner: string, tip: string): string {
  const label = `<span class="sr">${esc(STATE_LOOKS[state].label)} on </span>`;
  return `<span class="chip s-${state}" data-network="${network}" data-state="${state}" style="${colours(network)}" title="${esc(tip)}">${label}${inner}${markOf(state)}</span>`;
}

function markOf(state: PublicationState): string {
  return STATE_LOOKS[state].mark ? `<span class="mark" aria-hidden="true">${STATE_LOOKS[state].mark}</span>` : '';
}

function colours(network: NetworkId): string {
  const [background, text] = NETWORK_COLOURS[network];
  return `--c:${background};--t:${text}`;
}

/** A chip in a neutral colour that shows a state's look, for the legend and the summary. */
function neutralChip(state: PublicationState): string {
  return `<span class="chip s-${state} neutral" style="--c:#57606a;--t:#ffffff">${esc(STATE_LOOKS[state].label)}${markOf(state)}</span>`;
}

/** What is not plain "planned", in words: "Published", "Held on X: not approved…". */
function notes(states: readonly NetworkState[]): string {
  const groups = new Map<string, NetworkState[]>();
  for (const state of states) {
    if (state.state === 'planned' || state.state === 'draft') continue;
    const key = `${state.state}\n${state.state === 'published' ? '' : (state.detail ?? '')}`;
    groups.set(key, [...(groups.get(key) ?? []), state]);
  }
  const lines = [...groups.values()].map((group) => {
    const { state, detail } = group[0]!;
    const where = group.length === states.length ? '' : ` on ${group.map((s) => profileFor(s.network).label).join(', ')}`;
    const said = STATE_LOOKS[state].note ?? detail;
    const why = said ? `: ${said}` : '';
    return `<li class="note s-${state}">${esc(`${STATE_LOOKS[state].label}${where}${why}`)}</li>`;
  });
  return lines.length === 0 ? '' : `<ul class="notes">${lines.join('')}</ul>\n`;
}

function rank(networks: readonly NetworkId[], network: NetworkId): number {
  const index = networks.indexOf(network);
  return index === -1 ? networks.length : index;
}

function swatch(network: NetworkId): string {
  return `<span class="swatch" style="background:${NETWORK_COLOURS[network][0]}"></span>`;
}

function observanceName(observance: Observance): string {
  return observance.link ? `<a href="${esc(observance.link)}">${esc(observance.name)}</a>` : esc(observance.name);
}

function footer(calendar: Calendar, options: HtmlOptions): string {
  const skipped =
    calendar.skipped.length > 0
      ? `<p class="skipped">Not shown: ${calendar.skipped.length} ${calendar.skipped.length === 1 ? 'post' : 'posts'} without a valid publish_at or networks (run <code>plan audit</code> to see why): ${calendar.skipped.map((s) => `<code>${esc(s.file)}</code>`).join(', ')}</p>`
      : '';
  return `<footer class="page-foot">${skipped}<p>Made by <code>plan calendar --format html</code> (plan ${esc(options.toolVersion)}). Text that a PHI finding covers is shown as █████.</p></footer>`;
}

/** "9:00 AM" from "09:00". */
function clock(time: string): string {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return `${hours % 12 === 0 ? 12 : hours % 12}:${String(minutes).padStart(2, '0')} ${hours < 12 ? 'AM' : 'PM'}`;
}

function shortDate(date: string): string {
  return `${MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}`;
}

/** "Mon Nov 30, 2026" */
function longDate(date: string): string {
  return `${WEEKDAYS[daysBetween(mondayOf(date), date)]} ${shortDate(date)}, ${date.slice(0, 4)}`;
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `
:root { color-scheme: light; --line: #d0d7de; --muted: #57606a; --ink: #1f2328; --amber: #bf8700; --amber-bg: #fff8c5; --red: #cf222e; }
* { box-sizing: border-box; }
body { margin: 0; padding: 20px 24px 32px; font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif; color: var(--ink); background: #f6f8fa; }
a { color: inherit; }
h1 { margin: 0; font-size: 22px; }
h1 .sub { font-weight: 400; color: var(--muted); }
h2 { margin: 0 0 4px; font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
ul { margin: 0; padding: 0; list-style: none; }
.range { margin: 2px 0 12px; color: var(--muted); }
.summary { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; margin-bottom: 12px; }
.summary p { margin: 0; font-weight: 600; }
.summary ul { display: flex; flex-wrap: wrap; gap: 6px 14px; }
.summary .gaps { color: var(--amber); }
.legend { display: grid; grid-template-columns: auto 1fr auto; gap: 12px 28px; padding: 10px 14px; margin-bottom: 12px; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
.legend-networks { display: flex; flex-direction: column; gap: 4px; }
.legend-states { columns: 3; column-gap: 24px; }
.legend-states li, .legend-marks li { margin-bottom: 4px; break-inside: avoid; }
.legend-marks li { display: flex; gap: 6px; align-items: center; }
.obs-sample { color: #8250df; }
.today-sample { padding: 0 6px; border: 2px solid #0969da; border-radius: 4px; font-weight: 600; color: #0969da; }
.months { margin-bottom: 12px; }
.months ul { display: flex; flex-wrap: wrap; gap: 2px 18px; }
table.calendar { width: 100%; border-collapse: collapse; table-layout: fixed; background: #fff; border: 1px solid var(--line); }
.calendar thead th { padding: 6px; font-size: 12px; text-align: left; color: var(--muted); background: #f6f8fa; border-bottom: 1px solid var(--line); }
.calendar .week-col { width: 12%; }
.week { border-top: 2px solid var(--line); }
.week-head { padding: 8px; vertical-align: top; text-align: left; font-weight: 400; background: #f6f8fa; border-right: 1px solid var(--line); }
.week-dates { font-weight: 600; margin-bottom: 4px; }
.cadence li { display: flex; align-items: center; gap: 5px; font-size: 11px; line-height: 17px; }
.cadence li b { margin-left: auto; font-weight: 600; }
.cad.gap { color: #7d4e00; background: var(--amber-bg); border-radius: 3px; padding: 0 3px; margin: 0 -3px; }
.swatch { display: inline-block; width: 9px; height: 9px; border-radius: 50%; flex: none; }
.bands td { padding: 2px 3px 0; }
.band span { display: block; padding: 1px 6px; font-size: 11px; line-height: 1.3; color: #512a97; background: #fbefff; border: 1px solid #e2c9f7; border-radius: 4px; }
.band.continued span { border-top-left-radius: 0; border-bottom-left-radius: 0; border-left-style: dashed; }
.band a { text-decoration: none; }
.day { height: 96px; padding: 4px; vertical-align: top; border-left: 1px solid #eaeef2; }
.day.past { background: #fafbfc; }
.day.today { box-shadow: inset 0 0 0 2px #0969da; }
.date { font-size: 12px; font-weight: 600; color: var(--muted); margin-bottom: 3px; }
.date .month { text-transform: uppercase; font-size: 10px; }
.date .weekday { display: none; }
.legend-marks .cad { white-space: nowrap; }
.today-tag { margin-left: 4px; padding: 0 5px; font-size: 10px; color: #fff; background: #0969da; border-radius: 3px; }
.post { margin-bottom: 5px; padding: 4px 5px 5px; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
.post.is-draft { border-style: dashed; background: #fcfcfd; }
.post-head { display: flex; gap: 6px; align-items: center; font-size: 11px; color: var(--muted); }
.post-head time { font-weight: 600; }
.draft-tag { padding: 0 4px; font-size: 10px; border: 1px dashed var(--muted); border-radius: 3px; }
.post-title { margin: 1px 0 3px; font-weight: 600; line-height: 1.25; overflow-wrap: anywhere; }
.chips { display: flex; flex-wrap: wrap; gap: 3px; }
.chip { display: inline-flex; align-items: center; gap: 3px; padding: 0 6px; font-size: 11px; line-height: 16px; font-weight: 600; white-space: nowrap; color: var(--t); background: var(--c); border: 1.5px solid var(--c); border-radius: 9px; }
.chip a { text-decoration: none; }
.chip.s-draft { color: var(--c); background: #fff; border-style: dashed; }
.chip.s-held, .chip.s-unknown { box-shadow: 0 0 0 2px #f5b400; }
.chip.s-failed { box-shadow: 0 0 0 2px var(--red); }
.chip.s-missed { color: var(--c); background: #fff; border-color: var(--red); }
.chip.s-missed .mark { color: var(--red); }
.chip.s-missed, .chip.s-expired { text-decoration: line-through; }
.chip.s-expired { color: var(--muted); background: #f6f8fa; border-color: var(--line); }
.chip.neutral.s-draft, .chip.neutral.s-missed { color: #57606a; }
.chip .mark { font-weight: 700; text-decoration: none; display: inline-block; }
.notes { margin-top: 3px; }
.note { font-size: 11px; line-height: 1.3; color: var(--muted); overflow-wrap: anywhere; }
.note.s-held, .note.s-unknown { color: #7d4e00; }
.note.s-missed, .note.s-failed { color: var(--red); }
.note.s-published { color: #1a7f37; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.page-foot { margin-top: 14px; color: var(--muted); font-size: 12px; }
.page-foot p { margin: 4px 0; }
@media (max-width: 760px) {
  body { padding: 12px; }
  .legend { grid-template-columns: 1fr; }
  .legend-states { columns: 1; }
  table.calendar, .calendar tbody, .calendar tr, .calendar td, .calendar th { display: block; width: auto; }
  .calendar thead, .band-gap, .day:not(:has(.post)):not(.today) { display: none; }
  .week-head { border-right: 0; }
  .cadence { display: flex; flex-wrap: wrap; gap: 2px 12px; }
  .day { height: auto; border-left: 0; border-top: 1px solid #eaeef2; }
  .date .weekday { display: inline; }
}
@media print {
  body { background: #fff; padding: 0; }
  .legend, table.calendar { border-color: #999; }
  .week { break-inside: avoid; }
}
`;
