import { MISSED_AFTER_MS } from '../../loading/record.js';
import { profileFor } from '../../networks/index.js';
import type { PostCheckContext, Rule } from '../types.js';
import { unpublishedNetworks } from './published.js';
import { isDueAt } from './schedule.js';
import { describeMoment } from './time.js';

/**
 * A ready post past its time that the record does not show published, and how late it is. Less than
 * a day late, it publishes the moment it is merged; later, `plan publish` reports it missed.
 */
function latePost({ post, record, now }: PostCheckContext) {
  if (!isDueAt(post, now)) return undefined;
  const networks = unpublishedNetworks(record, post);
  if (networks.length === 0) return undefined;
  const missed = now.getTime() - post.publishAt.instant.getTime() > MISSED_AFTER_MS;
  return { publishAt: post.publishAt.instant, networks, missed };
}

const where = (networks: readonly string[]) => networks.map((network) => profileFor(network as never).label).join(', ');

export const readyPast: Rule = {
  meta: {
    id: 'plan/ready-past',
    severity: 'error',
    docs: 'A ready post whose publish time has passed and that the publish record does not show as published: it publishes the moment it is merged (less than 24 hours late), or a change touches a post that is already missed.',
  },
  checkPost(context) {
    const late = latePost(context);
    if (!late || (late.missed && !context.changed?.has(context.post.file))) return;
    const when = describeMoment(late.publishAt, context.project.timeZone);
    const message = late.missed
      ? `this ready post was due ${when}, more than 24 hours ago: plan publish will report it as missed on ${where(late.networks)} and not publish it (unless run with --catch-up). Set a new publish_at, or set it back to draft`
      : `this ready post was due ${when}, which has passed: it will publish on ${where(late.networks)} the moment this change is merged. Set a later publish_at if that is not what you want`;
    context.report({ message, range: context.post.locate(['publish_at']), ...(late.networks.length === 1 ? { network: late.networks[0]! } : {}) });
  },
};

export const missed: Rule = {
  meta: {
    id: 'plan/missed',
    severity: 'warning',
    docs: 'A ready post more than 24 hours past its time that the publish record does not show as published, in a change that does not touch it: plan publish reports it missed and does not send it.',
  },
  checkPost(context) {
    const late = latePost(context);
    if (!late?.missed || context.changed?.has(context.post.file)) return;
    const when = describeMoment(late.publishAt, context.project.timeZone);
    context.report({
      message: `this ready post was due ${when} and was not published on ${where(late.networks)}: plan publish reports it as missed and will not send it (unless run with --catch-up). Give it a new publish_at, or set it back to draft`,
      range: context.post.locate(['publish_at']),
      ...(late.networks.length === 1 ? { network: late.networks[0]! } : {}),
    });
  },
};
