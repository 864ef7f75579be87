import { describe, expect, it } from 'vitest';
import { byteSlice, facetsFor, richTextParts, type Facet } from './facets.js';

const DIDS: Record<string, string> = { 'cedarvalley.bsky.social': 'did:plc:cedar', 'jenna.example.com': 'did:plc:jenna' };
const resolve = async (handle: string) => DIDS[handle];

/** The text a facet covers, cut out by its UTF-8 byte offsets. */
const covered = (text: string, facet: Facet) => Buffer.from(text, 'utf8').subarray(facet.index.byteStart, facet.index.byteEnd).toString('utf8');

describe('facetsFor', () => {
  it('puts a link after emoji and accented text at the right UTF-8 byte offsets', async () => {
    const text = 'Café naïve 👩‍⚕️🩺 — flu shots: https://cedarvalleyhealth.com/flu';
    const facets = await facetsFor(text, resolve);
    expect(facets).toHaveLength(1);
    const start = text.indexOf('https');
    expect(facets[0]!.index.byteStart).toBe(Buffer.byteLength(text.slice(0, start)));
    expect(facets[0]!.index.byteStart).toBeGreaterThan(start);
    expect(covered(text, facets[0]!)).toBe('https://cedarvalleyhealth.com/flu');
    expect(facets[0]!.features).toEqual([{ $type: 'app.bsky.richtext.facet#link', uri: 'https://cedarvalleyhealth.com/flu' }]);
  });

  it('links a bare domain as https, and leaves trailing punctuation out', async () => {
    const text = 'Details at cedarvalleyhealth.com/flu. Or (https://example.org/a_b).';
    const facets = await facetsFor(text, resolve);
    expect(facets.map((f) => covered(text, f))).toEqual(['cedarvalleyhealth.com/flu', 'https://example.org/a_b']);
    expect(facets.map((f) => f.features[0])).toEqual([
      { $type: 'app.bsky.richtext.facet#link', uri: 'https://cedarvalleyhealth.com/flu' },
      { $type: 'app.bsky.richtext.facet#link', uri: 'https://example.org/a_b' },
    ]);
  });

  it('resolves mentions to DIDs, and leaves an unresolvable one as plain text', async () => {
    const text = 'Thanks @cedarvalley.bsky.social, (@Jenna.Example.com) and @nobody.example.org! Email me@cedarvalley.org, not @noDot';
    const asked: string[] = [];
    const facets = await facetsFor(text, async (h) => (asked.push(h), DIDS[h]));
    expect(asked).toEqual(['cedarvalley.bsky.social', 'jenna.example.com', 'nobody.example.org']);
    expect(facets.map((f) => [covered(text, f), f.features[0]])).toEqual([
      ['@cedarvalley.bsky.social', { $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:cedar' }],
      ['@Jenna.Example.com', { $type: 'app.bsky.richtext.facet#mention', did: 'did:plc:jenna' }],
    ]);
  });

  it('resolves each handle once', async () => {
    let calls = 0;
    await facetsFor('@cedarvalley.bsky.social and @cedarvalley.bsky.social', async (h) => (calls++, DIDS[h]));
    expect(calls).toBe(1);
  });

  it('finds hashtags as the Bluesky app does', async () => {
    const text = '#FluSeason starts! Get your #flu-shot, #Vacunación. Not #2026, not C#, not a#b. ＃Salud';
    const facets = await facetsFor(text, resolve);
    expect(facets.map((f) => [covered(text, f), f.features[0]])).toEqual([
      ['#FluSeason', { $type: 'app.bsky.richtext.facet#tag', tag: 'FluSeason' }],
      ['#flu-shot', { $type: 'app.bsky.richtext.facet#tag', tag: 'flu-shot' }],
      ['#Vacunación', { $type: 'app.bsky.richtext.facet#tag', tag: 'Vacunación' }],
      ['＃Salud', { $type: 'app.bsky.richtext.facet#tag', tag: 'Salud' }],
    ]);
  });

  it('does not find tags or mentions inside links, and orders facets by position', async () => {
    const text = '🩺 https://example.org/@cedarvalley.bsky.social/#hours #Open @cedarvalley.bsky.social';
    const facets = await facetsFor(text, resolve);
    expect(facets.map((f) => f.features[0]!.$type)).toEqual(['app.bsky.richtext.facet#link', 'app.bsky.richtext.facet#tag', 'app.bsky.richtext.facet#mention']);
    expect(covered(text, facets[0]!)).toBe('https://example.org/@cedarvalley.bsky.social/#hours');
    for (let i = 1; i < facets.length; i++) expect(facets[i]!.index.byteStart).toBeGreaterThanOrEqual(facets[i - 1]!.index.byteEnd);
  });

  it('gives no facets to plain text', async () => {
    expect(await facetsFor('Walk in Mon–Fri 8–5. Dr. Natarajan sees patients.', resolve)).toEqual([]);
  });
});

describe('richTextParts and byteSlice', () => {
  it('reports UTF-16 offsets; byteSlice turns them into UTF-8 bytes', () => {
    const text = 'é #Tag';
    expect(richTextParts(text)).toEqual([{ kind: 'tag', start: 2, end: 6, value: 'Tag' }]);
    expect(byteSlice(text, 2, 6)).toEqual({ byteStart: 3, byteEnd: 7 });
    expect(byteSlice('🩺x', 2, 3)).toEqual({ byteStart: 4, byteEnd: 5 });
  });
});
