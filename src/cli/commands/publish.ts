import { PlanError } from '../../errors.js';
import { NETWORK_IDS, type NetworkId } from '../../loading/schemas/index.js';
import { commitLedger } from '../../publishing/commit.js';
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
  if (flags.network && !NETWORK_IDS.includes(flags.network as NetworkId)) {
    throw new PlanError(`--network "${flags.network}" is not a network: use one of ${NETWORK_IDS.join(', ')}`);
  }
  const summary = await publishDue({
    cwd: context.cwd,
    now: parseNow(flags.now, context.now),
    dryRun: flags.dryRun === true,
    catchUp: flags.catchUp === true,
    ...(flags.network ? { network: flags.network as NetworkId } : {}),
    env: context.env,
    out: (line) => context.stdout.write(`${line}\n`),
  });
  context.stdout.write(`published ${summary.published}, failed ${summary.failed}, unknown ${summary.unknown}, missed ${summary.missed}, blocked ${summary.blocked}, not sent ${summary.notSent}\n`);
  if (flags.commit && !flags.dryRun) await commitLedger(summary.root, (line) => context.stdout.write(`${line}\n`));
  return publishExitCode(summary);
}
