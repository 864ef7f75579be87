import type { StatusRow } from '../publishing/status.js';

const ORDER = ['unknown', 'held', 'failed', 'missed', 'blocked', 'due', 'scheduled', 'published'] as const;
const HEADINGS: Record<StatusRow['state'], string> = {
  unknown: 'UNKNOWN: may have been published; check the account (the next publish run checks it too)',
  held: 'HELD FOR SAFETY: plan cannot tell yet whether these went out',
  failed: 'FAILED: the network refused them; change the post to try again',
  missed: 'MISSED: more than 24 hours late; give a new publish_at or publish with --catch-up',
  blocked: 'HELD BACK: fix these before they can publish',
  due: 'DUE: the next publish run sends these',
  scheduled: 'SCHEDULED',
  published: 'PUBLISHED',
};

export function formatStatusJson(rows: readonly StatusRow[]): string {
  return `${JSON.stringify({ version: 1, posts: rows }, null, 2)}\n`;
}

export function formatStatusTable(rows: readonly StatusRow[]): string {
  const out: string[] = [];
  for (const state of ORDER) {
    const group = rows.filter((r) => r.state === state);
    if (group.length === 0) continue;
    out.push(`${HEADINGS[state]} (${group.length})`);
    for (const row of group) {
      const extra = row.url ?? row.detail ?? '';
      out.push(`  ${(row.at ?? '').slice(0, 16).replace('T', ' ')}Z  ${row.network.padEnd(9)} ${row.file}${extra ? `  ${extra}` : ''}`);
    }
    out.push('');
  }
  if (rows.length === 0) out.push('no ready posts');
  return `${out.join('\n')}\n`;
}
