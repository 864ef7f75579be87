import { audit } from '../../audit/index.js';
import { formatStatusJson, formatStatusTable } from '../../formats/status.js';
import { statusOf } from '../../publishing/status.js';
import type { CommandContext } from '../context.js';
import { parseNow } from '../options.js';

export async function runStatusCommand(flags: { format: 'table' | 'json'; now?: string }, context: CommandContext): Promise<number> {
  const now = parseNow(flags.now, context.now);
  const rows = statusOf(await audit({ cwd: context.cwd, now }), now);
  context.stdout.write(flags.format === 'json' ? formatStatusJson(rows) : formatStatusTable(rows));
  return 0;
}
