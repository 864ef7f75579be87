import { describe, expect, it } from 'vitest';
import { seeMoreCutAt } from './see-more.js';

describe('seeMoreCutAt', () => {
  it('shows everything up to the limit', () => {
    expect(seeMoreCutAt('a'.repeat(10), 10)).toBeUndefined();
    expect(seeMoreCutAt('a'.repeat(11), 10)).toBe(10);
  });

  it('counts an emoji sequence as one character and never cuts inside it', () => {
    const text = '👩‍⚕️'.repeat(3);
    expect(seeMoreCutAt(text, 2)).toBe('👩‍⚕️'.length * 2);
  });

  it('cuts at the line break that ends the last visible line', () => {
    expect(seeMoreCutAt('one\ntwo\nthree', 100, 2)).toBe(7);
    expect(seeMoreCutAt('one\n\nthree', 100, 2)).toBe(4);
  });

  it('takes whichever cut comes first', () => {
    expect(seeMoreCutAt('abcdef\nxyz', 3, 1)).toBe(3);
  });

  it('hides nothing when only whitespace follows', () => {
    expect(seeMoreCutAt('one\ntwo\n\n', 100, 2)).toBeUndefined();
    expect(seeMoreCutAt('abc   ', 3)).toBeUndefined();
  });
});
