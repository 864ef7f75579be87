import { PlanError } from '../../errors.js';
import { formatPublishEvent, formatPublishSummary } from '../../formats/publish.js';
import { NETWORK_IDS, type NetworkId } from '../../loading/schemas/index.js';
import { publishDue, publishExitCode } from '../../publishing/run.js';
import type { CommandContext } from '../context.js';
import { parseNow } from '../options.js';

interface PublishFlags {
  dryRun?: boolean;
  now?: string;
  network?: string;
  commit?: boolean;
  catchUp?: boolean;
}

export async function runPublishCommand(flags: PublishFlags, context: CommandContext): Promise<number> {
  if (flags.network && !NETWORK_IDS.includes(flags.network.toLowerCase() as NetworkId)) {
    throw new PlanError(`--network "${flags.network}" is not a network: use one of ${NETWORK_IDS.join(', ')}`);
  }
  const summary = await publishDue({
    cwd: context.cwd,
    now: parseNow(flags.now, context.now),
    clock: flags.now ? () => parseNow(flags.now, context.now) : () => new Date(),
    dryRun: flags.dryRun === true,
    catchUp: flags.catchUp === true,
    commit: flags.commit === true,
    ...(flags.network ? { network: flags.network.toLowerCase() as NetworkId } : {}),
    env: context.env,
    report: (event) => context.stdout.write(formatPublishEvent(event)),
  });
  context.stdout.write(formatPublishSummary(summary));
  return publishExitCode(summary);
}
