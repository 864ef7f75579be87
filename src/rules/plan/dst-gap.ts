import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';
import { timesAhead, written } from './local-times.js';
import { describeOffset, describeTime } from './time.js';

const SKIPPED = '{{field}} {{written}} does not exist in {{timeZone}}: clocks spring forward that night and skip that hour, so ';
const FIX = '. Write the time you mean, outside the skipped hour';

export const dstGap = defineRule({
  meta: {
    id: 'plan/dst-gap',
    severity: 'error',
    docs: {
      description: 'A publish_at or expires at a local time that does not exist because clocks spring forward that night: says the time it will actually take effect.',
      why: 'On the night clocks spring forward, the hour from 2:00 to 3:00 am does not happen. A post timed inside it cannot go out at the time written; plan says when it would go out instead, so you can write the time you mean.',
      url: docsUrl('plan/dst-gap'),
    },
    messages: {
      publishAt: `${SKIPPED}the post would go out at {{actual}}${FIX}`,
      expires: `${SKIPPED}the post would expire at {{actual}}${FIX}`,
    },
  },
  checkPost(context) {
    for (const [field, time] of timesAhead(context)) {
      if (time.clock !== 'gap') continue;
      const { post, project } = context;
      const actual = `${describeTime(time.instant, project.timeZone)} (${describeOffset(time.instant, project.timeZone)})`;
      const data = { field, written: written(post, field), timeZone: project.timeZone, actual };
      context.report({ messageId: field === 'publish_at' ? 'publishAt' : 'expires', data, range: post.locate([field]) });
    }
  },
});
