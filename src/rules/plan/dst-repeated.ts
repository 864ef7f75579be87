import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';
import { secondOccurrence, timesAhead, written } from './local-times.js';
import { describeOffset, describeTime } from './time.js';

export const dstRepeated = defineRule({
  meta: {
    id: 'plan/dst-repeated',
    severity: 'warning',
    docs: {
      description: 'A publish_at or expires at a local time that happens twice because clocks fall back that night: the first one is used; an offset picks the other.',
      why: 'On the night clocks fall back, the hour from 1:00 to 2:00 am happens twice. plan uses the first; this says so, and how to write the second if that is the one you mean.',
      url: docsUrl('plan/dst-repeated'),
    },
    messages: {
      repeated:
        '{{field}} {{written}} happens twice in {{timeZone}} because clocks fall back that night: plan uses the first, {{first}}. To mean the second, write {{second}}',
    },
  },
  checkPost(context) {
    for (const [field, time] of timesAhead(context)) {
      if (time.clock !== 'repeated') continue;
      const { post, project } = context;
      const first = `${describeTime(time.instant, project.timeZone)} ${describeOffset(time.instant, project.timeZone)}`;
      const data = { field, written: written(post, field), timeZone: project.timeZone, first, second: secondOccurrence(post, field, project.timeZone, time) };
      context.report({ messageId: 'repeated', data, range: post.locate([field]) });
    }
  },
});
