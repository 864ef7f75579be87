import { graphemeStartAt } from './entities.js';

/**
 * Where a feed cuts a text to "see more": after `maxChars` user-perceived characters or at the
 * line break that ends line `maxLines`, whichever comes first. Returns the UTF-16 offset where
 * the hidden part starts, or undefined when nothing but whitespace would be hidden.
 * Feeds also wrap long lines; the character figure stands in for that.
 */
export function seeMoreCutAt(text: string, maxChars: number, maxLines?: number): number | undefined {
  const cuts = [charCut(text, maxChars), maxLines === undefined ? undefined : lineCut(text, maxLines)];
  const cut = Math.min(...cuts.filter((c): c is number => c !== undefined));
  if (!Number.isFinite(cut) || text.slice(cut).trim() === '') return undefined;
  return cut;
}

function charCut(text: string, maxChars: number): number | undefined {
  return graphemeStartAt(text, maxChars);
}

function lineCut(text: string, maxLines: number): number | undefined {
  let at = -1;
  for (let line = 0; line < maxLines; line++) {
    at = text.indexOf('\n', at + 1);
    if (at === -1) return undefined;
  }
  return at;
}
