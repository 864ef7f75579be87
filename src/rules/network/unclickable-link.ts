import { urlsIn } from '../../networks/index.js';
import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';
import { rangeAt, targetsOf } from './targets.js';

export const unclickableLink = defineRule({
  meta: {
    id: 'network/unclickable-link',
    severity: 'warning',
    docs: {
      description: 'A web address in the text of a network that does not make links clickable (Instagram captions): readers cannot tap it.',
      why: 'Instagram shows web addresses in captions as plain text: nobody can tap them, and few will type them. The usual way is a link in the account\'s bio and "link in bio" in the caption.',
      url: docsUrl('network/unclickable-link'),
    },
    messages: {
      unclickable: 'links in {{network}} captions cannot be tapped, so readers would have to type this one: point them to the link in your bio instead',
    },
    cacheable: true,
  },
  checkPost(context) {
    const { post, report } = context;
    for (const target of targetsOf(context)) {
      if (target.profile.linksClickable) continue;
      // The address itself is left out of the message: a link can be patient-specific.
      for (const url of urlsIn(target.composed.text)) {
        report({ messageId: 'unclickable', data: { network: target.profile.label }, range: rangeAt(post, target, url.start), network: target.network });
      }
    }
  },
});
