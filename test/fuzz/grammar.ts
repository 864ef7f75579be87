// Posts built from the grammar of real ones, for fast-check: frontmatter fields written right and
// wrong, bodies of markdown, suppression comments and unicode edge cases. PHI goes only into fields
// (values and keys), never into bodies, so that the outputs can be searched for it.
import fc from 'fast-check';

/** PHI as someone might type it into a field; no output may repeat any of it. */
export const PHI_VALUES = ['Rosalind Okafor', 'Rosalind Okafor 555-201-3344', '03/14/1961 Rosalind Okafor', 'MRN 4481923', 'rosalind-okafor-4481923', 'born 03/14/1961'];
export const PHI_FRAGMENTS = ['Okafor', 'okafor', '4481923', '201-3344', '03/14/1961'];
const PHI_PATTERN = /Rosalind|rosalind|Okafor|okafor|4481923|555-201-3344|03\/14\/1961/g;

const NETWORKS = ['x', 'linkedin', 'facebook', 'instagram', 'bluesky', 'mastodon'];
const KEYS = ['title', 'publish_at', 'networks', 'audience', 'objective', 'status', 'approved_by', 'media', 'link', 'variants', 'expires', 'authorization', 'tags', 'lang', 'kind', 'id'];

const phi = fc.constantFrom(...PHI_VALUES);
const unicodeEdge = fc.constantFrom('👨‍👩‍👧', '🇺🇸', 'e\u0301\u0301\u0301', '\u200f', '\u202e', '\u200b', '\ufeff', '한국어', '中文', 'ｗｉｄｅ', '\u00a0', 'İ', 'ß', '\ud83d', 'Ω', '\u0000', '\t');
const word = fc.constantFrom('flu', 'shots', 'wash', 'hands', 'clinic', 'open', 'Saturday', 'vaccines', 'kids', 'sleep', 'water', 'the', 'a', 'is', 'for', 'your', 'family', 'today', '#FluSeason', '@cedarvalley', 'cedarvalleyhealth.com/flu', 'https://example.org/a_b_(c)', 'a1-a1-a1-', '10%', '2026', '...', '!!!');
const sentence = fc.array(fc.oneof({ weight: 8, arbitrary: word }, { weight: 1, arbitrary: unicodeEdge }), { minLength: 1, maxLength: 14 }).map((words) => words.join(' '));

const dateValue = fc.oneof(
  fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 16).replace('T', ' ')),
  fc.constantFrom('2030-02-30 09:00', '2030-13-01 09:00', '2030-01-07 25:00', 'next tuesday', '2030-01-07', '2030-01-07T09:00:00Z', '12/7/2030', '', '~', '0'),
  phi,
);
const flowList = (items: fc.Arbitrary<string>) => fc.array(items, { maxLength: 4 }).map((list) => `[${list.join(', ')}]`);
const networksValue = fc.oneof(flowList(fc.constantFrom(...NETWORKS)), flowList(fc.oneof(fc.constantFrom(...NETWORKS, 'tiktok', 'X'), phi)), fc.constantFrom('x', '', '[x, x]'));
const mediaValue = fc.array(
  fc.record({ file: fc.oneof(fc.constantFrom('media/flu.jpg', 'media/missing.png', 'media/../x.jpg', ''), phi.map((p) => `media/${p}.jpg`)), alt: fc.oneof(sentence, phi, fc.constant('')) }),
  { maxLength: 3 },
).map((items) => items.map(({ file, alt }) => `\n  - file: ${file}\n    alt: ${alt}`).join('') || '[]');
const variantsValue = fc.dictionary(fc.constantFrom(...NETWORKS, 'tiktok'), fc.oneof(sentence, phi), { maxKeys: 3 }).map((variants) =>
  Object.entries(variants).map(([network, text]) => `\n  ${network}: ${JSON.stringify(text)}`).join('') || '{}',
);
const anyValue = fc.oneof(sentence, phi, fc.constantFrom('true', '42', '[', '{a: 1', '"unclosed', '&a x', '*a', '|', '- x', ': :'), fc.integer({ min: 1, max: 60 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)));

const field: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.tuple(fc.constant('title'), fc.oneof(sentence, phi)),
  fc.tuple(fc.constantFrom('publish_at', 'expires'), dateValue),
  fc.tuple(fc.constant('networks'), networksValue),
  fc.tuple(fc.constant('status'), fc.oneof(fc.constantFrom('draft', 'ready', 'published'), phi)),
  fc.tuple(fc.constant('objective'), fc.oneof(fc.constantFrom('education', 'new-patients'), phi)),
  fc.tuple(fc.constant('audience'), flowList(fc.oneof(fc.constantFrom('parents', 'seniors'), phi))),
  fc.tuple(fc.constant('link'), fc.oneof(fc.constantFrom('https://cedarvalleyhealth.com/flu', 'not a link', 'https://'), phi.map((p) => `https://example.com/patients/${p.replace(/ /g, '-')}`))),
  fc.tuple(fc.constant('media'), mediaValue),
  fc.tuple(fc.constant('variants'), variantsValue),
  fc.tuple(fc.constantFrom(...KEYS), anyValue),
  fc.tuple(fc.oneof(phi, fc.constantFrom('titel', 'summary', 'Networks')), anyValue),
);

const markdownLine = fc.oneof(
  { weight: 6, arbitrary: sentence },
  { weight: 1, arbitrary: sentence.map((s) => `- ${s}`) },
  { weight: 1, arbitrary: sentence.map((s) => `> ${s}`) },
  { weight: 1, arbitrary: sentence.map((s) => `## ${s}`) },
  { weight: 1, arbitrary: sentence.map((s) => `[${s}](https://cedarvalleyhealth.com/flu "title")`) },
  { weight: 1, arbitrary: sentence.map((s) => `![${s}](media/flu.jpg)`) },
  { weight: 1, arbitrary: sentence.map((s) => `<!-- ${s} -->`) },
  { weight: 1, arbitrary: sentence.map((s) => `<!-- ${s}`) },
  { weight: 1, arbitrary: sentence.map((s) => `text <span title="${s}">shown</span>`) },
  { weight: 1, arbitrary: fc.constantFrom('<!-- plan-disable-next-line network/length -- long on purpose -->', '<!-- plan-disable schema/unknown-id -->', '<!-- plan-enable -->', '<!-- plan-disable-next-line nope/rule -->') },
  { weight: 1, arbitrary: fc.constantFrom('```', '~~~', '    code', '***', '---', '', '', '\\', '*', '_a_', '<script>x</script>', '<div>', '</div>', '[a]: https://example.org') },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(' ', '\n', '1', 'a1-', '.', '-', '😀', '\u0301', '>', '* ', '['), fc.integer({ min: 1, max: 400 })).map(([unit, count]) => unit.repeat(count)) },
);

export interface GeneratedPost {
  /** The file's text, as written to content/. */
  text: string;
}

const frontmatter = fc.array(field, { maxLength: 9 }).map((fields) => fields.map(([key, value]) => `${key}: ${value}`).join('\n'));
const body = fc.array(markdownLine, { maxLength: 12 }).map((lines) => `${lines.join('\n')}\n`);

export const postText: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(frontmatter, body).map(([fields, text]) => `---\n${fields}\n---\n${text}`) },
  // Never closed: the fields are read as body text, which the checks quote words of; no PHI in them.
  { weight: 1, arbitrary: fc.tuple(frontmatter, body).map(([fields, text]) => `---\n${fields.replace(PHI_PATTERN, 'clinic')}\n${text}`) },
  { weight: 1, arbitrary: body },
  { weight: 1, arbitrary: fc.tuple(frontmatter, body).map(([fields, text]) => `\ufeff---\r\n${fields.replace(/\n/g, '\r\n')}\r\n---\r\n${text}`) },
);

/** One to three posts, each a file of its own. */
export const postSet = fc.array(postText, { minLength: 1, maxLength: 3 });
