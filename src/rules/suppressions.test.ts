import { describe, expect, it } from 'vitest';
import { parsePost } from '../loading/post.js';
import { writeReport } from './messages.js';
import { invalidSuppression } from './schema/suppression.js';
import { readSuppressions, suppressionFor } from './suppressions.js';

const KNOWN = ['phi/name', 'phi/phone', 'compliance/health-claims', 'schema/unknown-key'];
const isRule = (id: string) => KNOWN.includes(id) || (id.endsWith('/*') && KNOWN.some((k) => k.startsWith(id.slice(0, -1))));
const FRONTMATTER = '---\ntitle: Flu\npublish_at: 2030-01-07 09:00\nnetworks: [x]\n---\n';

function read(body: string, frontmatter = FRONTMATTER) {
  return readSuppressions(parsePost('content/a.md', frontmatter + body, 'UTC'), isRule);
}

const said = (problem: Parameters<typeof writeReport>[1]) => writeReport(invalidSuppression.meta, problem).message;

const covered = (s: { rules: string[]; reason: string; fromLine: number; toLine: number }) => ({ rules: s.rules, reason: s.reason, fromLine: s.fromLine, toLine: s.toLine });

describe('readSuppressions', () => {
  it('reads plan-disable-next-line in the body: it covers the line after the comment', () => {
    const comment = '<!-- plan-disable-next-line phi/name -- a staff member, named with consent -->';
    const { suppressions, problems } = read(`Intro\n${comment}\nThanks, Rosa!\n`);
    expect(problems).toEqual([]);
    expect(suppressions.map(covered)).toEqual([{ rules: ['phi/name'], reason: 'a staff member, named with consent', fromLine: 8, toLine: 8 }]);
    expect(suppressions[0]?.range).toEqual({ line: 7, column: 1, endLine: 7, endColumn: comment.length + 1 });
  });

  it('reads plan-disable-line: it covers its own line', () => {
    const { suppressions } = read('Call Rosa <!-- plan-disable-line phi/name, phi/phone -- our nurse line -->\n');
    expect(suppressions.map(covered)).toEqual([{ rules: ['phi/name', 'phi/phone'], reason: 'our nurse line', fromLine: 6, toLine: 6 }]);
  });

  it('reads plan-disable … plan-enable blocks, and a block left open runs to the end of the file', () => {
    const body = ['<!-- plan-disable compliance/health-claims -- quoting the FDA label -->', 'a', 'b', '<!-- plan-enable compliance/health-claims -->', 'c', '<!-- plan-disable phi/* -- fictional example -->', 'd', 'e', ''].join('\n');
    const { suppressions, problems } = read(body);
    expect(problems).toEqual([]);
    expect(suppressions.map(covered)).toEqual([
      { rules: ['compliance/health-claims'], reason: 'quoting the FDA label', fromLine: 6, toLine: 9 },
      { rules: ['phi/*'], reason: 'fictional example', fromLine: 11, toLine: 14 },
    ]);
  });

  it('closes every open block with a plan-enable that names no rule', () => {
    const { suppressions } = read('<!-- plan-disable phi/name phi/phone -- staff only -->\na\n<!-- plan-enable -->\nb\n');
    expect(suppressions.map((s) => [s.fromLine, s.toLine])).toEqual([[6, 8]]);
  });

  it('reads a comment that spans lines, and covers the line after its end', () => {
    const { suppressions } = read('<!--\n  plan-disable-next-line phi/name -- consent on file\n-->\nThanks, Rosa!\n');
    expect(suppressions.map(covered)).toEqual([{ rules: ['phi/name'], reason: 'consent on file', fromLine: 9, toLine: 9 }]);
  });

  it('reads "# plan-disable-next-line" and "# plan-disable-line" comments in the frontmatter', () => {
    const frontmatter = '---\ntitle: Flu\n# plan-disable-next-line schema/unknown-key -- read by our export script\ncaption: hi\npublish_at: 2030-01-07 09:00 # plan-disable-line phi/* -- a clinic date\nnetworks: [x]\n---\n';
    const { suppressions, problems } = read('Body\n', frontmatter);
    expect(problems).toEqual([]);
    expect(suppressions.map(covered)).toEqual([
      { rules: ['schema/unknown-key'], reason: 'read by our export script', fromLine: 4, toLine: 4 },
      { rules: ['phi/*'], reason: 'a clinic date', fromLine: 5, toLine: 5 },
    ]);
    expect(suppressions[1]?.range).toMatchObject({ line: 5, column: 30 });
  });

  it('refuses a suppression without a reason', () => {
    const { suppressions, problems } = read('<!-- plan-disable-next-line phi/name -->\nRosa\n<!-- plan-disable-line phi/name -- -->\n');
    expect(suppressions).toEqual([]);
    expect(problems.map((p) => [p.range.line, said(p)])).toEqual([
      [6, 'give a reason after " -- ", so reviewers know why the finding is not a problem (in "plan-disable-next-line")'],
      [8, 'give a reason after " -- ", so reviewers know why the finding is not a problem (in "plan-disable-line")'],
    ]);
  });

  it('refuses a suppression naming an unknown rule or family, or no rule at all', () => {
    const { suppressions, problems } = read('<!-- plan-disable-next-line phi/nmae -- typo -->\n<!-- plan-disable nope/* -- x -->\n<!-- plan-disable-line -- just because -->\n');
    expect(suppressions).toEqual([]);
    expect(problems.map((p) => [p.range.line, said(p)])).toEqual([
      [6, expect.stringMatching(/^unknown rule "phi\/nmae": .+ \(in "plan-disable-next-line"\)$/)],
      [7, expect.stringMatching(/^unknown rule "nope\/\*": .+ \(in "plan-disable"\)$/)],
      [8, 'name the rule to turn off, e.g. plan-disable-next-line phi/name -- reason (in "plan-disable-line")'],
    ]);
  });

  it('keeps " -- " inside the reason', () => {
    const { suppressions } = read('<!-- plan-disable-next-line phi/name -- Rosa -- our nurse -- agreed -->\nRosa\n');
    expect(suppressions[0]?.reason).toBe('Rosa -- our nurse -- agreed');
  });
});

describe('suppressionFor', () => {
  const { suppressions } = read('<!-- plan-disable-next-line phi/* -- fictional -->\nJane Doe\n<!-- plan-disable-line compliance/health-claims -- FDA wording -->\n');

  it('finds the suppression covering a rule on a line, by id or by family, and marks it used', () => {
    expect(suppressions.every((s) => !s.used)).toBe(true);
    expect(suppressionFor(suppressions, 'phi/name', 7)?.reason).toBe('fictional');
    expect(suppressions[0]?.used).toBe(true);
    expect(suppressions[1]?.used).toBe(false);
    expect(suppressionFor(suppressions, 'compliance/health-claims', 8)?.reason).toBe('FDA wording');
  });

  it('does not cover another line or another rule', () => {
    expect(suppressionFor(suppressions, 'phi/name', 8)).toBeUndefined();
    expect(suppressionFor(suppressions, 'compliance/health-claims', 7)).toBeUndefined();
    expect(suppressionFor(suppressions, 'compliance/reading-level', 8)).toBeUndefined();
  });
});
