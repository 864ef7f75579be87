import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import twitter from 'twitter-text';
import { extractUrls } from './url-finder.js';
import { graphemeIndices, hashtagsIn } from './entities.js';
import { weightedLength } from './x/profile.js';

// The linear-time replacements are checked against what they replace, on texts built from the pieces
// their grammars turn on. A fixed seed and a bounded number of runs keep this quick; SEED and RUNS
// in the environment run it longer with another seed.
const seed = Number(process.env.SEED ?? 2);
const numRuns = Number(process.env.RUNS ?? 1500);

const urlPieces = ['a', 'b', 'Z', '1', '0', '.', '.', '-', '_', '/', ':', '?', '=', '&', '#', '(', ')', '!', '@', ' ', '\n', ',', 'é', '中', '😀', '\u0301', 'com', 'org', 'co', 'uk', 'xn--', 'https://', 'http://', 'HTTPS://', 'www.', 't.co/', '.com', '.co.uk', '.рф', 'рус', '+', '~', '$', '%', '*', "'", '"', '[', ']', '|', 'ß', 'İ', '\u200e', 'ſ', '。', '\uD83D', '\uFEFF', ':8080', '/path', '?q=1', '(x)', '((y))', 'a'.repeat(30), 'b'.repeat(64), '12345678901234567890', 'xn--p1ai', 'онлайн', '香港', '.中国', '#tag', '@user'];
const fromPieces = (pieces: string[], maxLength: number) => fc.array(fc.constantFrom(...pieces), { maxLength }).map((parts) => parts.join(''));
const anyUnits = fc.array(fc.oneof(fc.constantFrom(...urlPieces), fc.string({ maxLength: 3, unit: 'binary' })), { maxLength: 40 }).map((parts) => parts.join(''));

describe('extractUrls', () => {
  for (const [name, texts] of [['URL-like pieces', fromPieces(urlPieces, 60)], ['any UTF-16 units', anyUnits]] as const) {
    it(`finds what twitter-text's extractUrlsWithIndices finds, on ${name}`, () => {
      fc.assert(
        fc.property(texts, fc.boolean(), (text, withoutProtocol) => {
          expect(extractUrls(text, withoutProtocol)).toEqual(twitter.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: withoutProtocol }));
        }),
        { numRuns, seed },
      );
    });
  }
});

const xPieces = [...urlPieces, '👨‍👩‍👧', '1️⃣', '🇺🇸', '\uFE0F', '\u20E3', '#', 'e\u0301', 'A\u030A', '한', 'ｗ'];

it("weighs a text as twitter-text's parseTweet does", () => {
  fc.assert(
    fc.property(fromPieces(xPieces, 60), (text) => {
      expect(weightedLength(text)).toBe(twitter.parseTweet(text).weightedLength);
    }),
    { numRuns, seed },
  );
});

it('finds the hashtags twitter-text finds', () => {
  fc.assert(
    fc.property(fromPieces(xPieces, 60), (text) => {
      const expected = twitter.extractHashtagsWithIndices(text).map(({ hashtag, indices: [start, end] }) => ({ tag: hashtag, start, end }));
      expect(hashtagsIn(text)).toEqual(expected);
    }),
    { numRuns, seed },
  );
});

const graphemePieces = ['a', ' ', '\r', '\n', '\r\n', 'e\u0301', '\u0301', '\u200d', '👨‍👩‍👧', '👍🏽', '🏽', '🇺', '🇸', '🇺🇸', '\u0600', '\u0605', 'क', '्', 'ष', 'ि', 'ᄀ', 'ᅡ', 'ᆨ', '가', '각', 'ำ', '\u0903', '\ufe0f', '\u200c', '\u00ad', '中', '\ud83d', '\udc68', 'x', '\t', '\u0e33', '\u{110BD}', '\u{11A84}', 'ස්‍ර', '\u{E0020}', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'];
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

it('segments graphemes piece by piece as Intl.Segmenter does the whole text', () => {
  fc.assert(
    fc.property(fromPieces(graphemePieces, 80), fc.integer({ min: 1, max: 12 }), (text, pieceLength) => {
      expect([...graphemeIndices(text, pieceLength)]).toEqual(Array.from(segmenter.segment(text), (segment) => segment.index));
    }),
    { numRuns, seed },
  );
});
