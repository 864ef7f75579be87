import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';
import { latePost, networkNames } from './late.js';
import { describeMoment } from './time.js';

export const readyPast = defineRule({
  meta: {
    id: 'plan/ready-past',
    severity: 'error',
    docs: {
      description: 'A change (a pull request, --changed-since) touches a ready post whose publish time has passed and that the publish record does not show as published: it publishes the moment it is merged (less than 24 hours late), or it is already missed.',
      why: 'plan publish sends every ready post whose time has come. A post whose time passed while it waited for review would go out the moment the change is merged, maybe hours late and at a time nobody chose ("tonight" read the next morning). Set the time it should really go out.',
      url: docsUrl('plan/ready-past'),
    },
    messages: {
      due: 'this ready post was due {{when}}, which has passed: it will publish on {{networks}} the moment this change is merged. Set a later publish_at if that is not what you want',
      missed:
        'this ready post was due {{when}}, more than 24 hours ago: plan publish will report it as missed on {{networks}} and not publish it (unless run with --catch-up). Set a new publish_at, or set it back to draft',
    },
  },
  checkPost(context) {
    const late = latePost(context);
    // Outside a change that touches it, a late post is the publish job's to send or to report: plan/missed.
    if (!late || !context.changed?.has(context.post.file)) return;
    const data = { when: describeMoment(late.publishAt, context.project.timeZone), networks: networkNames(late.networks) };
    const network = late.networks.length === 1 ? { network: late.networks[0]! } : {};
    context.report({ messageId: late.missed ? 'missed' : 'due', data, range: context.post.locate(['publish_at']), ...network });
  },
});
