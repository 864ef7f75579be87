import { publishStatus, type StatusRow } from '../../publishing/status.js';
import type { GlobalOptions } from '../index.js';
import { parseNow } from './options.js';

const ORDER = ['unknown', 'failed', 'missed', 'blocked', 'due', 'scheduled', 'published'] as const;
const HEADINGS: Record<StatusRow['state'], string> = {
  unknown: 'UNKNOWN: may have been published; check the account (the next publish run checks it too)',
  failed: 'FAILED: the network refused them; change the post to try again',
  missed: 'MISSED: more than 24 hours late; give a new publish_at or publish with --catch-up',
  blocked: 'HELD BACK: fix these before they can publish',
  due: 'DUE: the next publish run sends these',
  scheduled: 'SCHEDULED',
  published: 'PUBLISHED',
};

export async function runStatusCommand(flags: { format: 'table' | 'json'; now?: string }, globals: GlobalOptions): Promise<number> {
  const rows = await publishStatus(globals.cwd, parseNow(flags.now));
  if (flags.format === 'json') {
    process.stdout.write(`${JSON.stringify({ version: 1, posts: rows }, null, 2)}\n`);
    return 0;
  }
  for (const state of ORDER) {
    const group = rows.filter((r) => r.state === state);
    if (group.length === 0) continue;
    process.stdout.write(`${HEADINGS[state]} (${group.length})\n`);
    for (const row of group) {
      const extra = row.url ?? row.detail ?? '';
      process.stdout.write(`  ${(row.at ?? '').slice(0, 16).replace('T', ' ')}Z  ${row.network.padEnd(9)} ${row.file}${extra ? `  ${extra}` : ''}\n`);
    }
    process.stdout.write('\n');
  }
  if (rows.length === 0) process.stdout.write('no ready posts\n');
  return 0;
}
