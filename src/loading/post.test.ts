import { describe, expect, it } from 'vitest';
import { defaultPostId, parsePost } from './post.js';

const ZONE = 'America/New_York';
const parse = (text: string, file = 'content/2030/01/handwashing.md') => parsePost(file, text, ZONE);
const VALID = '---\ntitle: Handwashing\npublish_at: 2030-01-07 09:00\nnetworks: [x, facebook]\n---\nWash your hands.\n';

describe('parsePost', () => {
  it('reads a valid post: fields with their defaults, body, id and time', () => {
    const post = parse(VALID);
    expect(post.problems).toEqual([]);
    expect(post.valid).toBe(true);
    expect(post.frontmatter).toEqual({ title: 'Handwashing', publish_at: '2030-01-07 09:00', networks: ['x', 'facebook'], status: 'draft' });
    expect(post.id).toBe('2030/01/handwashing');
    expect(post.body).toBe('Wash your hands.\n');
    expect(post.lines.position(post.bodyOffset).line).toBe(6);
    expect(post.publishAt).toEqual({ instant: new Date('2030-01-07T14:00:00Z'), clock: 'normal' });
  });

  it('takes the id from the frontmatter when it has one', () => {
    expect(parse(VALID.replace('---\nWash', 'id: handwashing-2030\n---\nWash')).id).toBe('handwashing-2030');
    expect(defaultPostId('content/archive/2019/old.md')).toBe('archive/2019/old');
  });

  it('locates a field by key and by value, in the file’s own lines', () => {
    const post = parse(VALID);
    expect(post.locate(['networks', 1])).toEqual({ line: 4, column: 15, endLine: 4, endColumn: 23 });
    expect(post.locate(['publish_at'], 'key')).toMatchObject({ line: 3, column: 1 });
    expect(post.locate(['publish_at'])).toMatchObject({ line: 3, column: 13 });
  });

  it('reports every schema problem of the post at once, each at its field', () => {
    const post = parse(
      ['---', 'titel: Flu', 'publish_at: 2030-02-30 09:00', 'networks: [tiktok, x]', 'status: redy', 'media:', '  - file: a.jpg', '    alt: 3', '---', 'Body', ''].join('\n'),
    );
    const problems = post.problems.map((p) => [p.rule, p.range.line, p.message]);
    expect(problems).toEqual(
      expect.arrayContaining([
        ['schema/unknown-key', 2, 'an unknown field on line 2: did you mean "title"?'],
        ['schema/frontmatter', 2, 'title is required'],
        ['schema/date', 3, 'publish_at is not a date: February 2030 has 28 days'],
        ['schema/frontmatter', 4, expect.stringMatching(/^the first network is not one of: x, linkedin/)],
        ['schema/frontmatter', 5, 'status is not one of: draft, ready (did you mean "ready"?)'],
        ['schema/frontmatter', 8, "the first image's alt text must be text, not a number"],
      ]),
    );
    expect(post.problems).toHaveLength(6);
    expect(post.valid).toBe(false);
  });

  it('keeps the fields that passed, so other rules can still check them', () => {
    const post = parse('---\ntitle: 2030\npublish_at: 2030-01-07 09:00\nnetworks: [x]\n---\nBody\n');
    expect(post.problems.map((p) => p.message)).toEqual(['title must be text, not a number']);
    expect(post.frontmatter).toMatchObject({ publish_at: '2030-01-07 09:00', networks: ['x'] });
    expect(post.frontmatter.title).toBeUndefined();
    expect(post.publishAt?.instant.toISOString()).toBe('2030-01-07T14:00:00.000Z');
  });

  it('reads a file without frontmatter as one problem on line 1', () => {
    const post = parse('Just a body\n');
    expect(post.problems).toEqual([{ rule: 'schema/parse', message: expect.stringContaining('has no frontmatter'), range: { line: 1, column: 1, endLine: 1, endColumn: 1 } }]);
    expect(post.body).toBe('Just a body\n');
  });

  it('reports a frontmatter that is never closed', () => {
    const post = parse('---\ntitle: Flu\npublish_at: 2030-01-07 09:00\nnetworks: [x]\nBody\n');
    expect(post.problems.map((p) => [p.rule, p.range.line, p.message])).toEqual([
      ['schema/parse', 1, 'the frontmatter is never closed: add a line with just "---" after the last field'],
    ]);
  });

  it('reports an empty frontmatter, and one that is not a set of fields', () => {
    expect(parse('---\n---\nBody\n').problems[0]?.message).toMatch(/the frontmatter is empty/);
    expect(parse('---\n- a\n- b\n---\nBody\n').problems.map((p) => [p.rule, p.range.line, p.message])).toEqual([
      ['schema/parse', 2, 'the frontmatter must be a set of fields ("title: …" lines)'],
    ]);
  });

  it('reports broken YAML at its line', () => {
    const post = parse('---\npublish_at: 2030-01-07 09:00\ntitle: Flu shots: the facts\nnetworks: [x]\n---\nBody\n');
    expect(post.problems).toHaveLength(1);
    expect(post.problems[0]).toMatchObject({ rule: 'schema/parse', range: { line: 3 } });
    expect(post.problems[0]?.message).toBe('frontmatter: a value holds ": ", which YAML reads as another field: put the value in quotes, e.g. title: "Flu shots: the facts"');
    const unclosed = parse('---\ntitle: Flu\npublish_at: 2030-01-07 09:00\nnetworks: [x\nstatus: ready\n---\nBody\n');
    expect(unclosed.problems.map((p) => [p.rule, p.range.line])).toEqual([['schema/parse', 5]]);
    expect(unclosed.problems[0]?.message).toMatch(/^frontmatter: the YAML could not be read: Flow sequence .* end with a \]$/);
  });

  it('reports a tab used to indent, at the tab', () => {
    const post = parse('---\ntitle: Flu\npublish_at: 2030-01-07 09:00\nnetworks: [x]\nmedia:\n\t- file: a.jpg\n---\nBody\n');
    expect(post.problems.map((p) => [p.rule, p.range.line, p.range.column, p.message])).toEqual([
      ['schema/parse', 6, 1, 'frontmatter: a tab is used to indent: YAML needs spaces (indent with two spaces)'],
    ]);
  });

  it('reports a field written twice', () => {
    const post = parse('---\ntitle: A\ntitle: B\npublish_at: 2030-01-07 09:00\nnetworks: [x]\n---\nBody\n');
    expect(post.problems).toHaveLength(1);
    expect(post.problems[0]).toMatchObject({ rule: 'schema/parse', range: { line: 3 } });
    expect(post.problems[0]?.message).toMatch(/each field may appear only once/);
  });

  it('stops a YAML alias bomb and points at the first alias', () => {
    const aliases = (name: string, of: string) => `${name}: &${name} [${Array(9).fill(`*${of}`).join(',')}]`;
    const text = ['---', 'title: Bomb', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', aliases('b', 'a'), aliases('c', 'b'), aliases('d', 'c'), aliases('e', 'd'), aliases('f', 'e'), '---', 'Body', ''].join('\n');
    const post = parse(text);
    expect(post.problems.map((p) => [p.rule, p.range.line, p.message])).toEqual([
      ['schema/parse', 4, 'frontmatter: too many YAML aliases (*name): the file expands to far more than it says; write the values out'],
    ]);
  });

  it('accepts a few aliases, as ordinary YAML uses them', () => {
    const post = parse('---\ntitle: &t Flu\npublish_at: 2030-01-07 09:00\nnetworks: [x]\ntags: [*t]\n---\nBody\n');
    expect(post.problems).toEqual([]);
    expect(post.frontmatter.tags).toEqual(['Flu']);
  });

  it('reads a file with Windows line endings like any other', () => {
    const post = parse(VALID.replace(/\n/g, '\r\n').replace('networks: [x, facebook]', 'status: ready\r\nnetworks: [x, facebook]'));
    expect(post.problems).toEqual([]);
    expect(post.frontmatter).toMatchObject({ status: 'ready', networks: ['x', 'facebook'] });
    expect(parse('---\r\ntitle: Flu\r\npublish_at: 2030-01-07 09:00\r\nnetworks: [x]\r\nstatus: ready\r\n---\r\nBody\r\n').frontmatter.status).toBe('ready');
  });

  it('keeps a "---" in the body as part of the body', () => {
    const post = parse(`${VALID}\n---\n\nMore\n`);
    expect(post.problems).toEqual([]);
    expect(post.body).toBe('Wash your hands.\n\n---\n\nMore\n');
  });

  it('reads a frontmatter closed at the very end of the file', () => {
    const post = parse(VALID.replace(/---\nWash your hands.\n$/, '---'));
    expect(post.problems).toEqual([]);
    expect(post.body).toBe('');
  });

  it('leaves dates as text (YAML 1.2) and marks a local time that does not exist', () => {
    const post = parse(VALID.replace('2030-01-07 09:00', '2030-03-10 02:30'));
    expect(post.frontmatter.publish_at).toBe('2030-03-10 02:30');
    expect(post.publishAt?.clock).toBe('gap');
  });
});
