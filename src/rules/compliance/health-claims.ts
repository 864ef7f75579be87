import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';
import { blankAddresses, publishedTexts, straighten } from './post-texts.js';

export const healthClaims = defineRule({
  meta: {
    id: 'compliance/health-claims',
    severity: 'error',
    docs: {
      description: 'Promises no treatment can keep ("cure", "guaranteed", "miracle", "100% effective"); a denial such as "there is no cure for the common cold" is fine.',
      why: 'Advertising rules (the FTC, state medical boards) forbid health claims a practice cannot back, and patients rely on what their practice says. "Cure", "guaranteed" or "miracle" promise a result no treatment can promise everyone; say what it does and how well instead. Where a cure is the plain fact (hepatitis C), turn the finding off for that line and say so in the reason.',
      url: docsUrl('compliance/health-claims'),
    },
    messages: {
      claim: '"{{words}}" promises a result no treatment can promise: say what it does and how well (e.g. "lowers the risk", "helps most people"), or remove it',
    },
    cacheable: true,
  },
  checkPost({ post, report }) {
    for (const published of publishedTexts(post)) {
      for (const claim of claimsIn(published.text)) {
        report({
          messageId: 'claim',
          data: { words: claim.words },
          range: published.place(claim.start, claim.end),
          ...(published.network ? { network: published.network } : {}),
        });
      }
    }
  },
});

export interface Claim {
  words: string;
  start: number;
  end: number;
}

// "miracle cure" and "guaranteed cure" are one claim, not two.
const CLAIM =
  /\b(?:(?:miracle|miraculous|guaranteed)[\s-]+(?:cures?|treatments?|drugs?|pills?|results?)|cur(?:e|es|ed|ing)|miracles?|miraculous(?:ly)?|guarantee(?:s|d|ing)?|(?:100\s?%|100 percent|one hundred percent)[\s-]+(?:effective|safe|cured?|guaranteed|success(?:ful)?|proven))\b/gi;
// Every claim holds one of these, which blanking addresses leaves as written: most texts have none.
const MAY_CLAIM = /cur|mirac|guarantee|100|hundred/i;

const NEGATION = /^(?:no|not|never|nothing|none|nobody|neither|nor|without|cannot|can't|won't|isn't|aren't|wasn't|weren't|doesn't|don't|didn't|hasn't|haven't|hadn't|shouldn't|couldn't|wouldn't|ain't|[a-z]+n't)$/;
// "not only", "no doubt": these do not deny what follows.
const NOT_A_DENIAL = /^(?:only|just|doubt|wonder|matter|question|surprise)$/;
const WORDS_LOOKED_BACK = 5;

/** The claims in a text, whole words, without those denied ("no cure", "can't be cured") or called myths. */
export function claimsIn(text: string): Claim[] {
  if (!MAY_CLAIM.test(text)) return [];
  const words = straighten(blankAddresses(text));
  const claims: Claim[] = [];
  for (const match of words.matchAll(CLAIM)) {
    if (isDenied(words, match.index) || isMyth(words, match.index)) continue;
    claims.push({ words: text.slice(match.index, match.index + match[0].length), start: match.index, end: match.index + match[0].length });
  }
  return claims;
}

/** A negation among the few words before, in the same clause. */
function isDenied(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 120), at);
  const clause = before.split(/[.!?;:,()\n—–]|\bbut\b/).pop() ?? '';
  const words = (clause.toLowerCase().match(/[a-z']+/g) ?? []).slice(-WORDS_LOOKED_BACK);
  return words.some((word, index) => NEGATION.test(word) && !NOT_A_DENIAL.test(words[index + 1] ?? ''));
}

/** "Myth: garlic cures the flu." states the claim to correct it. */
function isMyth(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return /\bmyths?\b/i.test(text.slice(lineStart, at));
}
