import { audit } from '../../audit/index.js';
import { formatStatusJson, formatStatusTable } from '../../formats/status.js';
import { statusReport } from '../../publishing/status.js';
import type { CommandContext } from '../context.js';
import { parseNow } from '../options.js';

export interface StatusFlags {
  format: 'table' | 'json';
  all?: boolean;
  now?: string;
}

export async function runStatusCommand(flags: StatusFlags, context: CommandContext): Promise<number> {
  const now = parseNow(flags.now, context.now);
  const report = statusReport(await audit({ cwd: context.cwd, now, env: context.env }), now);
  const color = context.color && context.stdout.isTTY;
  context.stdout.write(flags.format === 'json' ? formatStatusJson(report) : formatStatusTable(report, { color, all: flags.all === true }));
  return 0;
}
