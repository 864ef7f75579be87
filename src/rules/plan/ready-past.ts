import { profileFor } from '../../networks/index.js';
import type { Rule } from '../types.js';
import { unpublishedNetworks } from './published.js';
import { describeMoment } from './time.js';

/** How late `plan publish` still publishes a post; later ones it reports as missed (SPEC §5). */
const LATE_LIMIT_MS = 24 * 60 * 60 * 1000;

export const readyPast: Rule = {
  meta: {
    id: 'plan/ready-past',
    severity: 'error',
    docs: 'A ready post whose publish time has passed and that the publish record does not show as published: it would publish the moment it is merged, or be reported as missed when more than 24 hours late.',
  },
  checkPost({ post, project, now, report }) {
    const { publishAt, expires } = post;
    if (post.frontmatter.status !== 'ready' || !publishAt || publishAt.instant > now) return;
    if (expires && expires.instant <= now) return;
    const networks = unpublishedNetworks(project, post);
    if (networks.length === 0) return;
    const when = describeMoment(publishAt.instant, project.timeZone);
    const where = networks.map((network) => profileFor(network).label).join(', ');
    const late = now.getTime() - publishAt.instant.getTime() > LATE_LIMIT_MS;
    const message = late
      ? `this ready post was due ${when}, more than 24 hours ago: plan publish will report it as missed on ${where} and not publish it (unless run with --catch-up). Set a new publish_at, or set it back to draft`
      : `this ready post was due ${when}, which has passed: it will publish on ${where} the moment this change is merged. Set a later publish_at if that is not what you want`;
    report({ message, range: post.locate(['publish_at']), ...(networks.length === 1 ? { network: networks[0]! } : {}) });
  },
};
