import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';
import { latePost, networkNames } from './late.js';
import { describeMoment } from './time.js';

export const missed = defineRule({
  meta: {
    id: 'plan/missed',
    severity: 'warning',
    docs: {
      description: 'A ready post past its time that the publish record does not show as published, outside a change that touches it: under 24 hours late, the next publish run sends it; later, plan publish reports it missed and does not send it.',
      why: 'A post more than a day late is not sent on its own: "this Saturday" read a week later misleads. plan publish reports it as missed until someone gives it a new time, sets it back to draft, or publishes it anyway with --catch-up.',
      url: docsUrl('plan/missed'),
    },
    messages: {
      waiting:
        'this ready post was due {{when}} and the publish record does not show it on {{networks}} yet: the next publish run sends it once it is on main. If that is too late now, set a later publish_at',
      missed:
        'this ready post was due {{when}} and was not published on {{networks}}: plan publish reports it as missed and will not send it (unless run with --catch-up). Give it a new publish_at, or set it back to draft',
    },
  },
  checkPost(context) {
    const late = latePost(context);
    if (!late || context.changed?.has(context.post.file)) return;
    const data = { when: describeMoment(late.publishAt, context.project.timeZone), networks: networkNames(late.networks) };
    const network = late.networks.length === 1 ? { network: late.networks[0]! } : {};
    context.report({ messageId: late.missed ? 'missed' : 'waiting', data, range: context.post.locate(['publish_at']), ...network });
  },
});
