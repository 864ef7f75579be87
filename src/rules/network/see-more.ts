import { graphemeCount, type NetworkId } from '../../networks/index.js';
import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';
import { formatNumber, rangeAt, skipBlank, targetsOf } from './targets.js';

/** What each feed's fold link says. */
const SEE_MORE_LABELS: Partial<Record<NetworkId, string>> = {
  facebook: 'See more',
  instagram: 'more',
  linkedin: '…more',
};

export const seeMore = defineRule({
  meta: {
    id: 'network/see-more',
    severity: 'info',
    docs: {
      description: 'Where a feed folds a long text behind "see more": readers see only the part before it unless they tap.',
      why: 'Facebook, Instagram and LinkedIn show only the first lines of a long post in the feed, and many readers never tap "see more". What matters most (the news, the date, what to do) should come before the fold. This is a note, not a problem.',
      url: docsUrl('network/see-more'),
    },
    messages: {
      foldAfterLines: '{{network}} shows the first {{lines}} ({{characters}}) and hides the rest behind "{{label}}": put what matters most before it',
      foldAfterCharacters: '{{network}} shows the first {{characters}} and hides the rest behind "{{label}}": put what matters most before it',
    },
    cacheable: true,
  },
  checkPost(context) {
    const { post, report } = context;
    for (const target of targetsOf(context)) {
      const cut = target.profile.seeMoreCut(target.composed.text);
      if (cut === undefined) continue;
      const visible = target.composed.text.slice(0, cut).trimEnd();
      // No words are quoted: a finding may be printed in CI logs, and the post's words may hold PHI.
      const data = { network: target.profile.label, characters: `${formatNumber(graphemeCount(visible))} characters`, label: SEE_MORE_LABELS[target.network] ?? 'see more' };
      const range = rangeAt(post, target, skipBlank(target.composed.text, cut));
      if (target.composed.text[cut] === '\n') {
        const lines = visible.split('\n').length;
        report({ messageId: 'foldAfterLines', data: { ...data, lines: lines === 1 ? 'line' : `${lines} lines` }, range, network: target.network });
      } else {
        report({ messageId: 'foldAfterCharacters', data, range, network: target.network });
      }
    }
  },
});
