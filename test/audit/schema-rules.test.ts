import { afterAll, describe, expect, it } from 'vitest';
import { auditJson, makeRepo, MINIMAL_CONFIG, post, removeTempRepos, type JsonFinding } from '../helpers/repo.js';

afterAll(removeTempRepos);

const brief = (findings: JsonFinding[]) => findings.map((f) => [f.rule, f.severity, f.file, f.line, f.message]);

describe('schema/frontmatter', () => {
  it('reports a missing field, a wrong type and a value not allowed, each at its line', async () => {
    const text = '---\npublish_at: 2030-01-07 09:00\nnetworks: x\nstatus: published\nobjective: education\n---\nBody\n';
    const report = await auditJson(makeRepo({ 'content/a.md': text }));
    expect(brief(report.findings)).toEqual([
      ['schema/frontmatter', 'error', 'content/a.md', 2, 'title is required'],
      ['schema/frontmatter', 'error', 'content/a.md', 3, 'networks must be a list, not text'],
      ['schema/frontmatter', 'error', 'content/a.md', 4, 'status is not one of: draft, ready'],
    ]);
    expect(report.run.code).toBe(1);
  });

  it('reports a field inside a list at its own line', async () => {
    const report = await auditJson(makeRepo({ 'content/a.md': post({ media: '\n  - file: media/a.jpg\n    alt: A nurse\n  - alt: no file' }) }));
    expect(brief(report.findings)).toEqual([['schema/frontmatter', 'error', 'content/a.md', 9, "the second image's file is required"]]);
  });
});

describe('schema/unknown-key', () => {
  it('suggests the field a typo was meant to be', async () => {
    const report = await auditJson(makeRepo({ 'content/a.md': post({ publsh_at: '2030-01-07 09:00' }) }));
    expect(brief(report.findings)).toEqual([['schema/unknown-key', 'error', 'content/a.md', 6, 'an unknown field on line 6: did you mean "publish_at"?']]);
  });
});

describe('schema/date', () => {
  it('reports a publish_at or expires that is not a real date and time', async () => {
    const report = await auditJson(makeRepo({ 'content/a.md': post({ publish_at: '2030-02-29 09:00', expires: 'next week' }) }));
    expect(brief(report.findings)).toEqual([
      ['schema/date', 'error', 'content/a.md', 3, 'publish_at is not a date: February 2030 has 28 days'],
      ['schema/date', 'error', 'content/a.md', 6, 'expires is not a date and time: write it as YYYY-MM-DD HH:MM, e.g. 2026-10-06 09:00'],
    ]);
  });
});

describe('schema/unknown-id', () => {
  it('reports a network that is not enabled, and an unknown audience and objective', async () => {
    const report = await auditJson(makeRepo({ 'content/a.md': post({ networks: '[x, linkedin]', objective: 'educaton', audience: '[teens]' }) }));
    expect(brief(report.findings)).toEqual([
      ['schema/unknown-id', 'error', 'content/a.md', 4, 'the network linkedin is not in plans/networks.yaml: plans/networks.yaml defines: x, facebook (add an account for linkedin to it or remove linkedin from networks)'],
      ['schema/unknown-id', 'error', 'content/a.md', 5, 'objective is not in plans/objectives.yaml: did you mean "education"? (add it there or use one of its ids)'],
      ['schema/unknown-id', 'error', 'content/a.md', 6, 'the first audience is not in plans/audiences.yaml: plans/audiences.yaml defines: parents, seniors (add the segment there or use one of its ids)'],
    ]);
  });

  it('says so when the plan file is missing', async () => {
    const repo = makeRepo({ 'content/a.md': post({ audience: '[parents]' }) });
    repo.remove('plans/audiences.yaml');
    const report = await auditJson(repo);
    expect(brief(report.findings)).toEqual([
      ['schema/unknown-id', 'error', 'content/a.md', 6, 'the first audience is not defined: there is no plans/audiences.yaml (create it, or run "plan init" to see an example)'],
    ]);
  });
});

describe('schema/duplicate-id', () => {
  it('reports both posts that share an id', async () => {
    const report = await auditJson(makeRepo({ 'content/a.md': post({ id: 'flu-2030' }), 'content/b.md': post({ id: 'flu-2030' }) }));
    expect(brief(report.findings)).toEqual([
      ['schema/duplicate-id', 'error', 'content/a.md', 6, 'this post id is also used by content/b.md: give each post its own id'],
      ['schema/duplicate-id', 'error', 'content/b.md', 6, 'this post id is also used by content/a.md: give each post its own id'],
    ]);
  });

  it('sees every post even when only one is audited', async () => {
    const repo = makeRepo({ 'content/2030/a.md': post({ id: 'flu' }), 'content/2031/b.md': post({ id: 'flu' }) });
    const report = await auditJson(repo, ['content/2031']);
    expect(report.posts).toBe(1);
    expect(brief(report.findings)).toEqual([['schema/duplicate-id', 'error', 'content/2031/b.md', 6, expect.stringContaining('also used by content/2030/a.md')]]);
  });
});

describe('schema/plans', () => {
  it('reports plan files against their schemas, with the field path and line', async () => {
    const repo = makeRepo({ 'content/a.md': post() });
    repo.write('plans/audiences.yaml', 'segments:\n  parents: { label: Parents, age: "thirties" }\nmin_reach: 250\n');
    repo.write('plans/networks.yaml', 'x: { account: "@a", slots: ["Monday 9am"] }\nfacebook: {}\n');
    const report = await auditJson(repo);
    expect(brief(report.findings)).toEqual([
      ['schema/plans', 'error', 'plans/audiences.yaml', 2, 'segments.parents.age: write an age group as "30-49" or "65+"'],
      ['schema/plans', 'error', 'plans/audiences.yaml', 3, 'min_reach must be 100 or less'],
      ['schema/plans', 'error', 'plans/networks.yaml', 1, 'the first slot in x: write a slot as a weekday and a time, e.g. "Mon 09:00"'],
      ['schema/plans', 'error', 'plans/networks.yaml', 2, 'facebook.page_id is required'],
    ]);
    expect(report.run.code).toBe(2);
  });
});

describe('suppressions', () => {
  it('turns a finding off with a reason, reports an unused one as a warning and a broken one as an error', async () => {
    const text = [
      '---',
      'title: Flu',
      '# plan-disable-next-line schema/unknown-key -- read by our newsletter export',
      'caption: Flu season',
      'publish_at: 2030-01-07 09:00',
      'networks: [x]',
      'objective: education',
      '---',
      '<!-- plan-disable-next-line schema/unknown-id -- nothing here to turn off -->',
      'Wash your hands.',
      '<!-- plan-disable-line schema/frontmatter -->',
      '<!-- plan-disable-line schema/nope -- typo -->',
      '',
    ].join('\n');
    const report = await auditJson(makeRepo({ 'content/a.md': text }));
    expect(brief(report.findings)).toEqual([
      ['schema/unused-suppression', 'warning', 'content/a.md', 9, 'this plan-disable comment for schema/unknown-id turns nothing off: remove it'],
      ['schema/suppression', 'error', 'content/a.md', 11, 'give a reason after " -- ", so reviewers know why the finding is not a problem (in "plan-disable-line")'],
      ['schema/suppression', 'error', 'content/a.md', 12, expect.stringMatching(/^unknown rule "schema\/nope": /)],
    ]);
  });

  it('turns a whole family off with "family/*" on the line itself', async () => {
    const text = post({ caption: 'x # plan-disable-line schema/* -- kept for the newsletter export', summary: 'y' });
    const report = await auditJson(makeRepo({ 'content/a.md': text }));
    expect(brief(report.findings)).toEqual([['schema/unknown-key', 'error', 'content/a.md', 7, expect.stringMatching(/^an unknown field on line 7: remove it or use a known field: title, publish_at, networks/)]]);
  });
});

describe('severities: rules and overrides', () => {
  const posts = {
    'content/a.md': post({ audience: '[teens]', caption: 'x' }),
    'content/archive/old.md': post({ audience: '[teens]', caption: 'x' }),
    'content/archive/keep/kept.md': post({ audience: '[teens]', caption: 'x' }),
  };
  const config = `${MINIMAL_CONFIG}rules:
  schema/*: warning
  schema/unknown-key: info
overrides:
  - files: ["content/archive/**"]
    rules: { schema/unknown-id: off, schema/unknown-key: error }
  - files: ["content/archive/keep/*.md"]
    rules: { schema/*: info }
`;

  it('applies the default, then rules:, then each matching override in order; a rule beats its family', async () => {
    const report = await auditJson(makeRepo(posts, { config }));
    expect(report.findings.map((f) => [f.file, f.rule, f.severity])).toEqual([
      ['content/a.md', 'schema/unknown-id', 'warning'],
      ['content/a.md', 'schema/unknown-key', 'info'],
      ['content/archive/keep/kept.md', 'schema/unknown-id', 'info'],
      ['content/archive/keep/kept.md', 'schema/unknown-key', 'info'],
      ['content/archive/old.md', 'schema/unknown-key', 'error'],
    ]);
    expect(report.counts).toEqual({ error: 1, warning: 1, info: 3 });
    expect(report.run.code).toBe(1);
  });
});
