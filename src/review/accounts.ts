import { fileAtCommit } from '../loading/git.js';
import { PLAN_FILES } from '../loading/project.js';
import { parseYaml } from '../loading/yaml.js';
import { NETWORK_IDS, type NetworkId } from '../loading/schemas/index.js';
import { endpointOf, endpointProblem, ENDPOINT_FIELDS, IDENTITY_FIELDS } from '../networks/endpoints.js';
import { profileFor } from '../networks/index.js';
import type { ReviewContext } from './context.js';
import type { AccountChange } from './types.js';

type Accounts = Partial<Record<NetworkId, Record<string, unknown>>>;

/**
 * Every change the pull request makes to where a network's calls go or whose account it is: the publish
 * job sends credentials there, so a reviewer must see each one, and one the job would refuse says so.
 */
export async function accountChangesOf(context: ReviewContext): Promise<AccountChange[]> {
  const before = accountsIn(await fileAtCommit(context.root, context.diff.mergeBase, PLAN_FILES.networks));
  const after = (context.audit.project.networks.data ?? {}) as Accounts;
  const changes: AccountChange[] = [];
  for (const network of NETWORK_IDS) {
    const was = before[network];
    const now = after[network];
    if (!was && !now) continue;
    const label = profileFor(network).label;
    if (!was || !now) {
      changes.push({ network, field: null, before: null, after: null, message: now ? `${label} is turned on: posts that name it will publish there.` : `${label} is turned off: nothing will publish there.` });
      continue;
    }
    for (const field of [...ENDPOINT_FIELDS, ...IDENTITY_FIELDS]) {
      const from = textOf(was[field]);
      const to = textOf(now[field]);
      if (from === to) continue;
      const refused = ENDPOINT_FIELDS.includes(field as (typeof ENDPOINT_FIELDS)[number]) ? endpointProblem(endpointOf(network, now as never), context.env) : undefined;
      const where = `${label}'s ${field} changes from ${from ?? '(not set)'} to ${to ?? '(not set)'}`;
      const message = refused
        ? `${where}: the publish job will refuse it (${refused}).`
        : ENDPOINT_FIELDS.includes(field as (typeof ENDPOINT_FIELDS)[number])
          ? `${where}: the publish job will send ${label}'s credentials there. Make sure it is the practice's own.`
          : `${where}: posts will go to that account.`;
      changes.push({ network, field, before: from, after: to, message, ...(refused ? { refused: true } : {}) });
    }
  }
  return changes;
}

function accountsIn(text: string | undefined): Accounts {
  if (text === undefined) return {};
  const data = parseYaml(text).data;
  return data && typeof data === 'object' ? (data as Accounts) : {};
}

function textOf(value: unknown): string | null {
  return value === undefined || value === null ? null : String(value);
}
