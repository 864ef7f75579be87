import { graphemeCount, type NetworkId } from '../../networks/index.js';
import type { Rule } from '../types.js';
import { formatNumber, rangeAt, skipBlank, targetsOf } from './targets.js';

/** What each feed's fold link says. */
const SEE_MORE_LABELS: Partial<Record<NetworkId, string>> = {
  facebook: 'See more',
  instagram: 'more',
  linkedin: '…more',
};

export const seeMore: Rule = {
  meta: {
    id: 'network/see-more',
    severity: 'info',
    docs: 'Where a feed folds a long text behind "see more": readers see only the part before it unless they tap.',
    cacheable: true,
  },
  checkPost(context) {
    const { post, report } = context;
    for (const target of targetsOf(context)) {
      const cut = target.profile.seeMoreCut(target.composed.text);
      if (cut === undefined) continue;
      const visible = target.composed.text.slice(0, cut).trimEnd();
      const characters = `${formatNumber(graphemeCount(visible))} characters`;
      const lines = visible.split('\n').length;
      // No words are quoted: a finding may be printed in CI logs, and the post's words may hold PHI.
      const shown = target.composed.text[cut] === '\n' ? `the first ${lines === 1 ? 'line' : `${lines} lines`} (${characters})` : `the first ${characters}`;
      const label = SEE_MORE_LABELS[target.network] ?? 'see more';
      const message = `${target.profile.label} shows ${shown} and hides the rest behind "${label}": put what matters most before it`;
      report({ message, range: rangeAt(post, target, skipBlank(target.composed.text, cut)), network: target.network });
    }
  },
};
