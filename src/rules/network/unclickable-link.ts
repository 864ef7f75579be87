import { urlsIn } from '../../networks/index.js';
import type { Rule } from '../types.js';
import { rangeAt, targetsOf } from './targets.js';

export const unclickableLink: Rule = {
  meta: {
    id: 'network/unclickable-link',
    severity: 'warning',
    docs: 'A web address in the text of a network that does not make links clickable (Instagram captions): readers cannot tap it.',
    cacheable: true,
  },
  checkPost(context) {
    const { post, report } = context;
    for (const target of targetsOf(context)) {
      if (target.profile.linksClickable) continue;
      const { label } = target.profile;
      // The address itself is left out of the message: a link can be patient-specific.
      for (const url of urlsIn(target.composed.text)) {
        const message = `links in ${label} captions cannot be tapped, so readers would have to type this one: point them to the link in your bio instead`;
        report({ message, range: rangeAt(post, target, url.start), network: target.network });
      }
    }
  },
};
