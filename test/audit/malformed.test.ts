import { afterAll, describe, expect, it } from 'vitest';
import { auditJson, makeRepo, post, removeTempRepos, runPlan, STACK_FRAME, FIXED_NOW, type FileContent } from '../helpers/repo.js';

afterAll(removeTempRepos);

/** A good post beside the broken one, with a finding of its own that must still be reported. */
const GOOD = { 'content/good.md': post({ audience: '[parnets]' }) };
const GOOD_FINDING = { rule: 'schema/unknown-id', file: 'content/good.md', line: 6, message: expect.stringContaining('did you mean "parents"?') };

const ALIAS_BOMB = [
  '---',
  'title: Bomb',
  'publish_at: 2030-01-07 09:00',
  'networks: [x]',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...['b', 'c', 'd', 'e', 'f', 'g', 'h'].map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`),
  '---',
  'Body',
  '',
].join('\n');

const FIVE_MB = post({}, `${'Wash your hands. '.repeat(64)}\n`.repeat(5 * 1024));

interface Case {
  name: string;
  file: string;
  content: FileContent;
  line: number;
  message: RegExp;
}

const outside = makeRepo({ 'secret.md': post() }, { config: null, plans: false });

const CASES: Case[] = [
  {
    name: 'broken YAML (a colon inside a value)',
    file: 'content/broken-yaml.md',
    content: post({ title: 'Flu shots: the facts' }),
    line: 2,
    message: /^frontmatter: a value holds ": ", which YAML reads as another field: put the value in quotes/,
  },
  {
    name: 'broken YAML (a list never closed)',
    file: 'content/unclosed-list.md',
    content: '---\ntitle: Flu\npublish_at: 2030-01-07 09:00\nnetworks: [x, facebook\nobjective: education\n---\nBody\n',
    line: 5,
    message: /^frontmatter: the YAML could not be read: Flow sequence .*end with a \]$/,
  },
  {
    name: 'a tab-indented frontmatter',
    file: 'content/tabs.md',
    content: '---\ntitle: Flu\npublish_at: 2030-01-07 09:00\nnetworks:\n\t- x\n---\nBody\n',
    line: 5,
    message: /^frontmatter: a tab is used to indent: YAML needs spaces/,
  },
  {
    name: 'a missing closing ---',
    file: 'content/unclosed.md',
    content: '---\ntitle: Flu\npublish_at: 2030-01-07 09:00\nnetworks: [x]\n\nWash your hands.\n',
    line: 1,
    message: /^the frontmatter is never closed: add a line with just "---" after the last field$/,
  },
  {
    name: 'a binary file named .md',
    file: 'content/photo.md',
    content: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.alloc(2048, 7)]),
    line: 1,
    message: /^photo\.md is a binary file, not text: a post must be a markdown text file$/,
  },
  {
    name: 'a file that is not UTF-8',
    file: 'content/latin1.md',
    content: Buffer.from('---\ntitle: Caf\xe9\npublish_at: 2030-01-07 09:00\nnetworks: [x]\n---\nBody\n', 'latin1'),
    line: 1,
    message: /^latin1\.md is not UTF-8 text: save it as UTF-8 in your editor$/,
  },
  {
    name: 'a 5 MB post',
    file: 'content/huge.md',
    content: FIVE_MB,
    line: 1,
    message: /^huge\.md is 5\.\d MB, larger than the 1\.0 MB a post may be: is it the right file\?$/,
  },
  {
    name: 'a YAML alias bomb',
    file: 'content/bomb.md',
    content: ALIAS_BOMB,
    line: 6,
    message: /^frontmatter: too many YAML aliases \(\*name\): the file expands to far more than it says; write the values out$/,
  },
  {
    name: 'a symlink that points outside the repository',
    file: 'content/linked.md',
    content: { symlink: `${outside.root}/secret.md` },
    line: 1,
    message: /^linked\.md is a link to a file outside the repository: plan only reads files inside it; copy the file in instead$/,
  },
  {
    name: 'a symlink to a file that does not exist',
    file: 'content/dangling.md',
    content: { symlink: 'nowhere/gone.md' },
    line: 1,
    message: /^dangling\.md is a link to a file that does not exist/,
  },
  {
    name: 'a file without frontmatter',
    file: 'content/notes.md',
    content: 'Ideas for next month: flu, handwashing.\n',
    line: 1,
    message: /^has no frontmatter: a post starts with a line "---"/,
  },
  {
    name: 'an empty file',
    file: 'content/empty.md',
    content: '',
    line: 1,
    message: /^has no frontmatter/,
  },
];

describe('malformed posts: one clear finding each, and the other posts are still audited', () => {
  it.each(CASES)('$name', async ({ file, content, line, message }) => {
    const repo = makeRepo({ ...GOOD, [file]: content });
    const report = await auditJson(repo);
    expect(report.run.stderr).not.toMatch(STACK_FRAME);
    expect(report.run.code).toBe(1);
    expect(report.posts).toBe(2);
    const own = report.findings.filter((f) => f.file === file);
    expect(own).toEqual([expect.objectContaining({ rule: 'schema/parse', severity: 'error', line })]);
    expect(own[0]!.message).toMatch(message);
    expect(report.findings).toContainEqual(expect.objectContaining(GOOD_FINDING));
  });

  it('reports every broken post at once in the pretty format, without a stack trace or binary noise', async () => {
    const repo = makeRepo({ ...GOOD, ...Object.fromEntries(CASES.map((c) => [c.file, c.content])) });
    const run = await runPlan(['audit', '--now', FIXED_NOW], { cwd: repo.root });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toMatch(STACK_FRAME);
    expect(run.stdout).not.toContain('\u0000');
    for (const { file } of CASES) expect(run.stdout).toContain(`${file}\n`);
    expect(run.stdout).toContain('content/good.md\n');
    expect(run.stdout).toMatch(new RegExp(`✖ ${CASES.length + 1} posts checked: ${CASES.length + 1} problems \\(${CASES.length + 1} errors`));
    expect(run.stdout).not.toContain(repo.root);
  });

  it('reads a symlink to a file inside the repository', async () => {
    const repo = makeRepo({ ...GOOD, 'content/shared/original.md': post({ id: 'original' }), 'content/alias.md': { symlink: 'shared/original.md' } });
    const report = await auditJson(repo);
    expect(report.findings.filter((f) => f.file !== 'content/good.md' && f.rule.startsWith('schema/')).map((f) => [f.file, f.rule])).toEqual([
      ['content/alias.md', 'schema/duplicate-id'],
      ['content/shared/original.md', 'schema/duplicate-id'],
    ]);
  });

  it('reads a post with a byte-order mark and Windows line endings', async () => {
    const repo = makeRepo({ ...GOOD, 'content/windows.md': `\ufeff${post({ status: 'draft' })}`.replace(/\n/g, '\r\n') });
    const report = await auditJson(repo);
    expect(report.findings.filter((f) => f.file === 'content/windows.md')).toEqual([]);
    expect(report.posts).toBe(2);
  });
});

describe('malformed plan files', () => {
  it('reports broken YAML in a plan file at its line, exits 2, and still audits the posts', async () => {
    const repo = makeRepo({ ...GOOD, 'plans/objectives.yaml': 'objectives:\n  education: { label: Education, share: 50\n  new-patients: { label: New, share: 50 }\n' });
    const report = await auditJson(repo);
    expect(report.run.code).toBe(2);
    expect(report.run.stderr).not.toMatch(STACK_FRAME);
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'schema/parse', file: 'plans/objectives.yaml', line: 3, message: expect.stringMatching(/^the YAML could not be read: /) }));
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'schema/unknown-id', file: 'content/good.md', message: expect.stringContaining('did you mean "parents"?') }));
    expect(report.posts).toBe(1);
  });

  it('stops an alias bomb in plan.config.yaml', async () => {
    const bomb = ALIAS_BOMB.split('\n').slice(4, 12).join('\n');
    const repo = makeRepo(GOOD, { config: `practice:\n  name: Test\n  timezone: America/New_York\n${bomb}\n` });
    const report = await auditJson(repo);
    expect(report.run.code).toBe(2);
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'schema/parse', file: 'plan.config.yaml', line: 5, message: expect.stringMatching(/too many YAML aliases/) }));
    expect(report.findings).toContainEqual(expect.objectContaining(GOOD_FINDING));
  });
});
