import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding } from '../rules/types.js';
import type { MediaPreview, NetworkPreview, PostPreview } from '../preview/index.js';

export type PreviewFormat = 'text' | 'json';

const number = (n: number) => n.toLocaleString('en-US');

/** One block per network: the exact text, the part "see more" hides marked off, its media and findings. */
export function formatPreviewText(preview: PostPreview, options: { color: boolean }): string {
  const paint = new Chalk({ level: options.color ? 1 : 0 });
  const out = [paint.bold(preview.file), ...postFacts(preview)];
  if (preview.networks.length === 0) out.push('', 'This post names no networks, so nothing would be published.');
  for (const network of preview.networks) out.push('', ...networkBlock(network, paint));
  if (preview.findings.length > 0) out.push('', paint.bold('Findings for the whole post'), ...findingLines(preview.findings, paint));
  return `${out.join('\n')}\n`;
}

export function formatPreviewJson(preview: PostPreview): string {
  const json = {
    version: 1,
    file: preview.file,
    id: preview.id,
    title: preview.title ?? null,
    status: preview.status ?? null,
    publishAt: preview.publishAt ? { utc: preview.publishAt.toISOString(), local: localTime(preview.publishAt, preview.timeZone), timeZone: preview.timeZone } : null,
    networks: preview.networks.map((n) => ({
      network: n.network,
      label: n.label,
      enabled: n.enabled,
      text: n.text,
      from: n.from,
      count: n.count,
      limit: n.limit,
      unit: n.unit,
      bytes: n.bytes ?? null,
      seeMore: n.seeMore ?? null,
      link: n.link ?? null,
      media: n.media,
      findings: n.findings.map(findingJson),
    })),
    findings: preview.findings.map(findingJson),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function postFacts(preview: PostPreview): string[] {
  const facts = [`id ${preview.id}`];
  if (preview.status) facts.push(preview.status);
  if (preview.publishAt) facts.push(`publishes ${localTime(preview.publishAt, preview.timeZone)} ${preview.timeZone} (${preview.publishAt.toISOString().slice(0, 16).replace('T', ' ')} UTC)`);
  return [...(preview.title ? [preview.title] : []), facts.join(' · ')];
}

function networkBlock(network: NetworkPreview, paint: ChalkInstance): string[] {
  const over = network.count > network.limit;
  const count = `${number(network.count)} of ${number(network.limit)} ${network.unit}`;
  const bytes = network.bytes ? `, ${number(network.bytes.count)} of ${number(network.bytes.limit)} bytes` : '';
  const source = network.from === 'variant' ? `the ${network.network} variant` : 'the body';
  const heading = `${paint.bold(`── ${network.label} ──`)} ${(over ? paint.red : paint.green)(count)}${bytes} · from ${source}`;
  const lines = [heading];
  if (!network.enabled) lines.push(paint.yellow(`${network.network} is not in plans/networks.yaml: nothing will be published there`));
  lines.push(...textLines(network, paint));
  if (network.link) lines.push(linkLine(network));
  lines.push(...mediaLines(network.media));
  if (network.findings.length > 0) lines.push('Findings:', ...findingLines(network.findings, paint));
  return lines;
}

function textLines(network: NetworkPreview, paint: ChalkInstance): string[] {
  if (network.text === '') return [paint.dim('(no text)')];
  if (!network.seeMore) return network.text.split('\n');
  const { visible, hidden } = network.seeMore;
  const marker = paint.cyan(`┄┄ see more ┄┄ the feed shows the text above; readers must tap to read on`);
  return [...visible.trimEnd().split('\n'), marker, ...hidden.replace(/^\s*\n/, '').split('\n').map((line) => paint.dim(line))];
}

function linkLine(network: NetworkPreview): string {
  if (network.link!.sent) return `Link: ${network.link!.url} (in the text)`;
  return `Link: ${network.link!.url} is not sent (${network.label} captions do not link; put it in your bio)`;
}

function mediaLines(media: readonly MediaPreview[]): string[] {
  if (media.length === 0) return ['Media: none'];
  return ['Media:', ...media.map((item) => `  ${item.file} (${mediaState(item)})${item.alt?.trim() ? ` alt: "${item.alt.trim()}"` : ' no alt text'}`)];
}

function mediaState(item: MediaPreview): string {
  if (item.status === 'missing') return 'missing';
  if (item.status === 'outside') return 'outside the repository';
  if (item.status === 'folder') return 'a folder';
  if (item.status === 'unreadable') return 'unreadable';
  const what = item.format ? `${item.format.toUpperCase()} ${item.kind}` : 'not an image or video';
  return item.bytes === undefined ? what : `${what}, ${kilobytes(item.bytes)}`;
}

function kilobytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function findingLines(findings: readonly Finding[], paint: ChalkInstance): string[] {
  return findings.map((f) => {
    const severity = f.severity === 'error' ? paint.red('error  ') : f.severity === 'warning' ? paint.yellow('warning') : paint.blue('info   ');
    return `  ${severity} line ${f.line}  ${f.message}  ${paint.dim(f.rule)}`;
  });
}

function findingJson(f: Finding) {
  return { rule: f.rule, severity: f.severity, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn, network: f.network, message: f.message };
}

/** "2026-10-06 09:00" in the practice's timezone. */
function localTime(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
