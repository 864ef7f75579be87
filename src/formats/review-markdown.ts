import type { NetworkId } from '../loading/schemas/index.js';
import { profileFor } from '../networks/index.js';
import type { MediaPreview } from '../preview/index.js';
import {
  HIDDEN,
  type Alerts,
  type DeletedPost,
  type OutlookKind,
  type PostAlert,
  type Review,
  type ReviewedNetwork,
  type ReviewApproval,
  type ReviewedPost,
  type ReviewFinding,
  type ReviewWeek,
} from '../review/index.js';
import { plural } from './types.js';

/** The hidden marker that finds the one sticky comment again. */
export const REVIEW_MARKER = '<!-- plan-review -->';
/** GitHub refuses comments over 65,536 characters; stay well under in bytes. */
export const COMMENT_MAX_BYTES = 60 * 1024;
/** A job summary may hold 1 MiB. */
export const SUMMARY_MAX_BYTES = 1000 * 1024;

export interface ReviewMarkdownOptions {
  maxBytes: number;
  /** Where the whole review can be read when this one is cut short (the job summary). */
  fullReviewUrl?: string;
}

const CHANGE_ICONS = { added: '➕ Added', changed: '✏️ Changed', renamed: '🔀 Renamed' } as const;
const OUTLOOK_ICONS: Record<OutlookKind, string> = {
  'on-merge': '🚨',
  missed: '⏰',
  scheduled: '🗓️',
  blocked: '⛔',
  unapproved: '✋',
  draft: '📝',
  expired: '⌛',
  published: '✔️',
  failed: '❗',
  'no-time': '❓',
};
const SEVERITY_ICONS = { error: '🛑', warning: '⚠️', info: 'ℹ️' } as const;
const APPROVAL_ICONS: Record<ReviewApproval['state'], string> = { approved: '✅', waiting: '✋', unchecked: '❔' };
// Past this many posts, each post's details are folded too, so the comment stays scannable.
const FOLD_POSTS_AFTER = 5;
// Loud lists stop after this many items, so the top of the comment always fits.
const LIST_CAP = 25;
// The cadence chart after the weeks table shows at most this many weeks.
const CHART_WEEKS = 6;
// The bars' colours in drawing order: the target (grey), posts that meet it (green), posts short of it (amber).
const CHART_COLOURS = '#d0d7de, #2da44e, #d4a72c';
// GitHub notifies whoever an @name in a comment names. A word joiner after the "@" reads the same and
// names no one; backslashes do not stop it, and code spans would make every handle look like code.
const WORD_JOINER = '\u2060';

/** The review as a sticky pull-request comment or a job summary: loud block, calendar, then each post. */
export function formatReviewMarkdown(review: Review, options: ReviewMarkdownOptions): string {
  const fixed = [header(review), alerts(review), planChanges(review), calendar(review)].filter(Boolean).join('\n');
  const fold = review.posts.length > FOLD_POSTS_AFTER;
  const sections = [...review.posts.map((post) => postSection(post, fold)), ...review.deleted.map(deletedSection)];
  return `${fitSections(fixed, sections, footer(review), review, options)}\n`;
}

/** Adds post sections while they fit in `maxBytes`, then says where the rest can be read. */
function fitSections(fixed: string, sections: string[], end: string, review: Review, options: ReviewMarkdownOptions): string {
  const heading = sections.length > 0 ? '\n### Posts\n' : '';
  let out = cutToBytes(`${fixed}${heading}`, options.maxBytes - bytes(end) - 1024);
  let shown = 0;
  for (const section of sections) {
    if (bytes(out) + bytes(section) + bytes(end) + 1024 > options.maxBytes) break;
    out += `\n${section}`;
    shown++;
  }
  if (shown < sections.length) out += `\n${truncationNote(sections.length - shown, review, options)}\n`;
  return `${out}\n${end}`;
}

function truncationNote(left: number, review: Review, options: ReviewMarkdownOptions): string {
  const where = options.fullReviewUrl ? `in [the job summary](${options.fullReviewUrl}) of this check` : 'in the job summary of this check';
  return `> [!NOTE]\n> ✂️ ${plural(left, 'more post')} did not fit in this comment. The whole review is ${where}, or run \`plan review --base ${review.base}\` in the repository.`;
}

/** A safety net for a header too big for any comment: cut at a line end. */
function cutToBytes(text: string, max: number): string {
  if (bytes(text) <= max) return text;
  const cut = Buffer.from(text, 'utf8').subarray(0, Math.max(0, max)).toString('utf8');
  return `${cut.slice(0, cut.lastIndexOf('\n'))}\n\n✂️ The rest of this list did not fit.\n`;
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

function header(review: Review): string {
  const { added, changed, renamed, deleted } = review.counts;
  const parts = [
    added && `${added} added`,
    changed && `${changed} changed`,
    renamed && `${renamed} renamed`,
    deleted && `${deleted} deleted`,
  ].filter(Boolean);
  const total = added + changed + renamed + deleted;
  const what = total === 0 ? 'This pull request changes no posts.' : `This pull request touches ${plural(total, 'post')}: ${parts.join(', ')}.`;
  return `${REVIEW_MARKER}\n## 📋 Post review\n\n${what} ${findingCounts(review.counts)}\n${approvalLine(review.approval)}`;
}

/** The pull request's approval, which every ready post it touches needs before it publishes. */
function approvalLine(approval: ReviewApproval | undefined): string {
  if (!approval) return '';
  const where = approval.pullRequest ? ` ([#${approval.pullRequest.number}](${approval.pullRequest.url}))` : '';
  return `\n${APPROVAL_ICONS[approval.state]} **Approval**${where}: ${inline(sentence(approval.message))} Its ready posts publish only with an approval by a reviewer plan.config.yaml lists, who did not write them, on the pull request's last commit.\n`;
}

function findingCounts(counts: { error: number; warning: number; info: number }): string {
  if (counts.error + counts.warning + counts.info === 0) return 'No findings.';
  const parts = [counts.error && `${SEVERITY_ICONS.error} ${plural(counts.error, 'error')}`, counts.warning && `${SEVERITY_ICONS.warning} ${plural(counts.warning, 'warning')}`, counts.info && `${SEVERITY_ICONS.info} ${plural(counts.info, 'note')}`];
  return parts.filter(Boolean).join(' · ');
}

function alerts(review: Review): string {
  const { publishOnMerge, missed, blocking, suppressedPhi, accountChanges } = review.alerts;
  if (publishOnMerge.length + missed.length + blocking.length + suppressedPhi.length + accountChanges.length === 0) {
    return '✅ Nothing publishes the moment this merges, no errors stop publishing, no PHI finding is turned off, and no network account changes.\n';
  }
  const blocks = [
    accountChanges.length > 0 && ['**🔑 Where posts and the practice\'s credentials go changes**', ...accountChanges.map((change) => `- ${change.refused ? '⛔ ' : ''}${inline(change.message)}`)],
    publishOnMerge.length > 0 && ['**🚨 Publishes the moment this pull request merges**', ...capped(publishOnMerge, alertLine)],
    missed.length > 0 && ['**⏰ Too late: will be reported missed, not published**', ...capped(missed, alertLine)],
    blocking.length > 0 && ['**⛔ Errors that stop publishing**', ...capped(blocking, blockingLines).flat()],
    suppressedPhi.length > 0 && suppressedLines(suppressedPhi),
  ].filter((block): block is string[] => block !== false);
  const body = blocks.map((lines) => lines.join('\n')).join('\n\n');
  return `${quote(`[!CAUTION]\n${body}`)}\n`;
}

function capped<T, R>(items: readonly T[], render: (item: T) => R): (R | string)[] {
  const shown: (R | string)[] = items.slice(0, LIST_CAP).map(render);
  if (items.length > LIST_CAP) shown.push(`- …and ${items.length - LIST_CAP} more (see the posts below)`);
  return shown;
}

function alertLine(alert: PostAlert): string {
  return `- ${postName(alert.title, alert.file)}, due ${alert.publishAt.local} (${alert.publishAt.relative}): ${inline(alert.message)}`;
}

function blockingLines(entry: Alerts['blocking'][number]): string[] {
  const shown = entry.errors.slice(0, 5).map((f) => `  - ${findingText(f)}`);
  if (entry.errors.length > 5) shown.push(`  - …and ${entry.errors.length - 5} more`);
  return [`- ${postName(entry.title, entry.file)}: ${plural(entry.errors.length, 'error')}`, ...shown];
}

function suppressedLines(list: Alerts['suppressedPhi']): string[] {
  const lines = capped(list, (s) => {
    const who = s.suppressedBy ? (s.suppressedBy.committed ? `**${inline(s.suppressedBy.name)}**${s.suppressedBy.date ? ` on ${s.suppressedBy.date}` : ''}` : 'an uncommitted edit') : 'someone git cannot name';
    const where = `${code(s.file)} line ${s.line}${s.network ? ` (${networkLabel(s.network)})` : ''}`;
    return `- ${where} · ${code(s.rule)}: ${inline(s.message)} — turned off by ${who} (line ${s.suppressionLine}) because: “${inline(s.reason)}”`;
  });
  return [
    '**🔒 PHI findings turned off in these posts**',
    `The text they cover is shown as ${HIDDEN} in the previews below; read it in this pull request's **Files changed** tab.`,
    ...lines,
  ];
}

function planChanges(review: Review): string {
  if (review.planFiles.length === 0 && review.planFindings.length === 0) return '';
  const lines = ['### 🗂️ Plans'];
  if (review.planFiles.length > 0) lines.push('', `Changed: ${review.planFiles.map(code).join(', ')}. Every post is checked against the changed plans.`);
  if (review.planFindings.length > 0) lines.push('', ...capped(review.planFindings, (f) => `- ${SEVERITY_ICONS[f.severity]} ${code(f.file)} ${findingText(f)}`));
  const others = review.otherPostsWithErrors;
  if (others.length > 0) {
    const verb = others.length === 1 ? 'has' : 'have';
    lines.push('', `${plural(others.length, 'post')} this pull request does not touch ${verb} errors with these plans (run \`plan audit\` to see them):`);
    lines.push(...capped(others, (o) => `- ${code(o.file)}: ${plural(o.errors, 'error')}`));
  }
  return `${lines.join('\n')}\n`;
}

function calendar(review: Review): string {
  if (review.calendar.length === 0) return '';
  const networks = review.calendar[0]!.networks.map((n) => n.network);
  const lines = [
    '### 📅 Weeks these posts fall in',
    '',
    `Posts per network against the weekly target in plans/networks.yaml (${SEVERITY_ICONS.warning} below it).`,
    '',
    `| Week | ${networks.map(networkLabel).join(' | ')} | This pull request |`,
    `|---|${networks.map(() => ':-:').join('|')}|---|`,
    ...review.calendar.slice(0, LIST_CAP).map(weekRow),
  ];
  if (review.calendar.length > LIST_CAP) lines.push('', `…and ${review.calendar.length - LIST_CAP} more weeks: run \`plan calendar\`.`);
  return `${[lines.join('\n'), ...cadenceChart(review.calendar)].join('\n\n')}\n`;
}

/**
 * The posts on each network in each week against its weekly target, as one Mermaid bar chart that
 * GitHub draws. Mermaid's xychart has no legend and draws a row's bars over each other, so the target
 * is drawn first, in grey, and the posts over it: green when they meet it, amber when they fall short,
 * leaving the grey that shows what is missing. Each row's label carries the figures.
 */
function cadenceChart(weeks: readonly ReviewWeek[]): string[] {
  const shown = weeks.slice(0, CHART_WEEKS);
  const rows = shown.flatMap((week) => week.networks.map((network) => ({ week, network })));
  if (rows.length === 0) return [];
  const more = weeks.length > CHART_WEEKS ? ` It shows the first ${CHART_WEEKS} weeks; the table lists them all.` : '';
  const caption = `**Green** bars meet the network's weekly target in plans/networks.yaml, **amber** bars fall short of it, and the **grey** behind an amber bar is what is missing.${more}`;
  const config = { theme: 'base', themeVariables: { xyChart: { plotColorPalette: CHART_COLOURS } }, xyChart: { width: 720, height: 70 + 30 * rows.length, yAxis: { showLabel: false, showTick: false, showTitle: false } } };
  const top = Math.max(1, ...rows.map(({ network }) => Math.max(network.posts, network.target ?? 0)));
  const chart = [
    '```mermaid',
    `%%{init: ${JSON.stringify(config)}}%%`,
    'xychart-beta horizontal',
    '  title "Posts per network in each week (Monday to Sunday)"',
    `  x-axis [${rows.map(({ week, network }) => `"${chartLabel(week, network)}"`).join(', ')}]`,
    `  y-axis "Posts" 0 --> ${top}`,
    `  bar [${rows.map(({ network }) => network.target ?? 0).join(', ')}]`,
    `  bar [${rows.map(({ network }) => (network.gap ? 0 : network.posts)).join(', ')}]`,
    `  bar [${rows.map(({ network }) => (network.gap ? network.posts : 0)).join(', ')}]`,
    '```',
  ].join('\n');
  return [caption, chart];
}

/** "Nov 19 · X: 1 of 3", or "Nov 19 · Instagram: 1" without a target. */
function chartLabel(week: ReviewWeek, network: ReviewWeek['networks'][number]): string {
  const count = network.target === undefined ? `${network.posts}` : `${network.posts} of ${network.target}`;
  return `${shortDate(week.start)} · ${networkLabel(network.network)}: ${count}`;
}

function weekRow(week: ReviewWeek): string {
  const counts = week.networks.map((n) => (n.target === undefined ? `${n.posts}` : `${n.gap ? `${SEVERITY_ICONS.warning} ` : ''}${n.posts}/${n.target}`));
  const posts = week.posts.map((p) => `${p.change === 'deleted' ? '🗑️' : CHANGE_ICONS[p.change].split(' ')[0]} ${shortDate(p.date)} ${p.time} ${inline(p.title ?? p.file)}`);
  return `| ${shortDate(week.start)} – ${shortDate(week.end)} | ${counts.join(' | ')} | ${posts.join('<br>')} |`;
}

function postSection(post: ReviewedPost, fold: boolean): string {
  const heading = `#### ${CHANGE_ICONS[post.change]} · ${inline(post.title ?? post.id)}`;
  const identity = [code(post.file), `id ${code(post.id)}`, post.status ?? 'no status', ...postApproval(post)].join(' · ');
  const facts = postFacts(post, !fold);
  const details = [...findingsTable(post), ...post.networks.map(networkBlock)].join('\n\n');
  if (!fold) return [heading, '', identity, '', ...facts, '', details, ''].join('\n');
  return [heading, '', identity, '', `${OUTLOOK_ICONS[post.outlook.kind]} ${inline(post.outlook.message)}`, '', `<details><summary>Details · findings: ${findingSummary(post)}</summary>`, '', ...facts, '', details, '', '</details>', ''].join('\n');
}

/** Where the post stands with its approval, and what its approved_by note says. */
function postApproval(post: ReviewedPost): string[] {
  const state = post.approval && { approved: `${APPROVAL_ICONS.approved} approved by ${inline(post.approval.by ?? '')}`, waiting: `${APPROVAL_ICONS.waiting} waiting for approval`, unchecked: `${APPROVAL_ICONS.unchecked} approval not checked here` }[post.approval.state];
  return [...(state ? [state] : []), ...(post.approvedBy ? [`approved\\_by note: ${inline(post.approvedBy)}`] : [])];
}

function postFacts(post: ReviewedPost, withOutlook: boolean): string[] {
  const facts = [];
  if (post.publishAt) facts.push(`- **Publishes** ${post.publishAt.local} · ${utc(post.publishAt.utc)} · ${post.publishAt.relative}`);
  else facts.push('- **Publishes** never: no valid publish_at');
  if (post.expires) facts.push(`- **Expires** ${post.expires.local} (${post.expires.relative})`);
  if (withOutlook) facts.push(`- ${OUTLOOK_ICONS[post.outlook.kind]} ${inline(post.outlook.message)}`);
  if (post.rename) facts.push(`- 🔀 ${inline(post.rename.message)}`);
  if (post.mediaChanged) facts.push(`- 🖼️ Only its media changed: ${post.mediaChanged.map(code).join(', ')}`);
  if (post.hiddenSpans > 0) facts.push(`- 🔒 Text that a PHI finding covers is shown as ${HIDDEN}; the counts are of the full text.`);
  facts.push(`- **Findings** ${findingSummary(post)}`);
  return facts;
}

function allFindings(post: ReviewedPost): ReviewFinding[] {
  return [...post.findings, ...post.networks.flatMap((n) => n.findings)].sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

function findingSummary(post: ReviewedPost): string {
  const findings = allFindings(post);
  const count = (severity: ReviewFinding['severity']) => findings.filter((f) => f.severity === severity).length;
  return findingCounts({ error: count('error'), warning: count('warning'), info: count('info') }).replace(/^No findings\.$/, 'none');
}

function findingsTable(post: ReviewedPost): string[] {
  const findings = allFindings(post);
  if (findings.length === 0) return [];
  const rows = findings.map((f) => `| ${SEVERITY_ICONS[f.severity]} | ${f.line} | ${f.network ? networkLabel(f.network) : ''} | ${inline(f.message)} | ${code(f.rule)} |`);
  return [['| | Line | Network | Finding | Rule |', '|---|--:|---|---|---|', ...rows].join('\n')];
}

function networkBlock(network: ReviewedNetwork): string {
  const over = network.count > network.limit;
  const count = `${network.count.toLocaleString('en-US')} / ${network.limit.toLocaleString('en-US')} ${network.unit}`;
  const flags = [over ? `❌ ${count}` : count, network.seeMore ? '✂️ cut by "see more"' : '', network.enabled ? '' : '⚠️ not in plans/networks.yaml'].filter(Boolean);
  const summary = `<b>${networkLabel(network.network)}</b> · ${flags.join(' · ')}`;
  const lines = [`<details><summary>${summary}</summary>`, '', textBlock(network), ...networkFacts(network), '', '</details>'];
  return lines.join('\n');
}

function textBlock(network: ReviewedNetwork): string {
  if (network.text === '') return '_(no text)_\n';
  const shown = network.seeMore
    ? `${network.seeMore.visible.trimEnd()}\n┄┄┄┄┄┄ see more ┄┄┄┄┄┄ (the feed shows the text above; readers tap to read on)\n${network.seeMore.hidden.replace(/^\s*\n/, '')}`
    : network.text;
  const fence = '`'.repeat(Math.max(3, longestRun(shown, '`') + 1));
  return `${fence}text\n${shown}\n${fence}\n`;
}

function networkFacts(network: ReviewedNetwork): string[] {
  const facts = [`From ${network.from === 'variant' ? `the ${network.network} variant` : 'the body'}.`];
  if (network.bytes) facts.push(`${network.bytes.count.toLocaleString('en-US')} / ${network.bytes.limit.toLocaleString('en-US')} bytes.`);
  if (network.link) facts.push(network.link.sent ? `🔗 ${code(network.link.url)} is in the text.` : `🔗 ${code(network.link.url)} is not sent: ${network.label} captions do not link.`);
  facts.push(...mediaLines(network.media));
  if (network.record) facts.push(recordLine(network.record));
  return facts.map((fact) => `- ${fact}`);
}

function mediaLines(media: readonly MediaPreview[]): string[] {
  if (media.length === 0) return ['No media.'];
  return media.map((item) => {
    const alt = item.alt?.trim() ? `alt text: “${inline(item.alt.trim())}”` : '**no alt text**';
    return `🖼️ ${code(item.file)} (${mediaState(item)}), ${alt}`;
  });
}

function mediaState(item: MediaPreview): string {
  if (item.status !== 'found' && item.status !== 'unchecked') return item.status === 'missing' ? '**missing**' : `**${item.status}**`;
  const what = item.format ? `${item.format.toUpperCase()} ${item.kind ?? 'file'}` : 'not an image or video';
  if (item.bytes === undefined) return what;
  const size = item.bytes >= 1024 * 1024 ? `${(item.bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(item.bytes / 1024))} KB`;
  return `${what}, ${size}`;
}

function recordLine(record: NonNullable<ReviewedNetwork['record']>): string {
  const when = record.at.slice(0, 10);
  if (record.state === 'published') return `📤 Already published ${when}${record.url ? `: ${record.url}` : ''}. Edits here will not reach that post.`;
  return `📒 Publish record: ${record.state} (${when}); run \`plan status\` for details.`;
}

function deletedSection(post: DeletedPost): string {
  const when = post.publishAt ? `was due ${post.publishAt.local} (${utc(post.publishAt.utc)}, ${post.publishAt.relative})` : 'had no valid publish time';
  const where = post.networks.length > 0 ? post.networks.map(networkLabel).join(', ') : 'no networks';
  const records = post.records.map((r) => `- ${networkLabel(r.network)}: ${r.state} ${r.at.slice(0, 10)}${r.url ? ` — ${r.url}` : ''}`);
  return [`#### 🗑️ Deleted · ${code(post.file)}`, '', `id ${code(post.id)} · ${when} · ${where}`, '', inline(post.message), ...(records.length > 0 ? ['', ...records] : []), ''].join('\n');
}

function footer(review: Review): string {
  return `---\n<sub>Compared with ${code(review.base)} (merge base ${code(review.mergeBase.slice(0, 7))}) as of ${review.nowLocal}. Run \`plan review --base ${review.base}\` to see this review locally, or \`plan preview POST\` for one post.</sub>`;
}

function postName(title: string | undefined, file: string): string {
  return title ? `**${inline(title)}** (${code(file)})` : code(file);
}

function findingText(f: ReviewFinding): string {
  return `line ${f.line}${f.network ? `, ${networkLabel(f.network)}` : ''}: ${inline(f.message)} (${code(f.rule)})`;
}

function networkLabel(network: NetworkId): string {
  return profileFor(network).label;
}

function utc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Dec 7" from "2026-12-07". */
function shortDate(date: string): string {
  return `${MONTHS[Number(date.slice(5, 7)) - 1]} ${Number(date.slice(8, 10))}`;
}

function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function quote(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '>' : `> ${line}`))
    .join('\n');
}

/** Text from a post or a message, shown as written: markdown and HTML in it do nothing, and an @name notifies no one. */
function inline(text: string): string {
  return unmention(text.replace(/\r?\n/g, ' ').replace(/[\\`*_[\]<>|~#]/g, '\\$&'));
}

/** "@name" and "@org/team" as GitHub would link them (not inside an email address), with a word joiner after the "@". */
export function unmention(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}_])@(?=[A-Za-z0-9])/gu, `@${WORD_JOINER}`);
}

function code(text: string): string {
  const ticks = '`'.repeat(longestRun(text, '`') + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}
