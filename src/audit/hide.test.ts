import { describe, expect, it } from 'vitest';
import { replaceSpans } from './hide.js';
import { HIDDEN } from './hide.js';

describe('replaceSpans', () => {
  const text = 'Call Jane Doe today. Read more below.';

  it('replaces each span with the same mark, whatever its length', () => {
    expect(replaceSpans(text, [[5, 13]]).text).toBe(`Call ${HIDDEN} today. Read more below.`);
    expect(replaceSpans(text, [[0, 4], [5, 13]]).text).toBe(`${HIDDEN} ${HIDDEN} today. Read more below.`);
  });

  it('moves the "see more" cut with the text before it', () => {
    const cut = text.indexOf('Read');
    const shown = replaceSpans(text, [[5, 13]], cut);
    expect(shown.text.slice(shown.cut)).toBe('Read more below.');
  });

  it('moves a cut inside a hidden span to its end, so no part of it shows on either side', () => {
    const shown = replaceSpans(text, [[5, 13]], 8);
    expect(shown.text.slice(0, shown.cut)).toBe(`Call ${HIDDEN}`);
  });

  it('leaves a cut before every span where it was', () => {
    expect(replaceSpans(text, [[5, 13]], 4).cut).toBe(4);
  });
});
