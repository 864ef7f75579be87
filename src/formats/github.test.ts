import { describe, expect, it } from 'vitest';
import type { Finding } from '../rules/types.js';
import { ANNOTATION_CAP, escapeData, escapeProperty, formatGithub } from './github.js';
import type { FindingsReport } from './types.js';
import { countFindings } from '../audit/index.js';

function finding(overrides: Partial<Finding> = {}): Finding {
  return { rule: 'schema/frontmatter', severity: 'error', file: 'content/a.md', network: null, message: 'title: is required', line: 2, column: 1, endLine: 2, endColumn: 6, ...overrides };
}

function report(findings: Finding[]): FindingsReport {
  return { findings, counts: countFindings(findings), posts: 3, sources: new Map(), rules: [], toolVersion: '0.0.0' };
}

describe('escapeData and escapeProperty', () => {
  it('escapes "%", CR and LF in a message, in that order', () => {
    expect(escapeData('100% sure\r\nnext line %0A')).toBe('100%25 sure%0D%0Anext line %250A');
  });

  it('also escapes ":" and "," in a property value', () => {
    expect(escapeProperty('content/a,b:c%.md')).toBe('content/a%2Cb%3Ac%25.md');
    expect(escapeData('a,b:c')).toBe('a,b:c');
  });
});

describe('formatGithub', () => {
  it('prints one workflow command per finding with its place and rule as title', () => {
    const text = formatGithub(report([finding({ network: 'x', message: '50% off: call now,\nreally' })]));
    expect(text.split('\n')[0]).toBe(
      '::error file=content/a.md,line=2,col=1,endLine=2,endColumn=6,title=schema/frontmatter::[x] 50%25 off: call now,%0Areally' +
        '%0A%0AAbout schema/frontmatter: https://github.com/practice-plan/plan/blob/main/docs/rules/schema/frontmatter.md',
    );
  });

  it('names no page for a finding of a rule plan does not have', () => {
    const text = formatGithub(report([finding({ rule: 'review/unknown' })]));
    expect(text.split('\n')[0]).toMatch(/::title: is required$/);
  });

  it('escapes a file name that holds "," and ":" so it cannot start another property', () => {
    const text = formatGithub(report([finding({ file: 'content/q&a, part 1: flu.md' })]));
    expect(text).toContain('::error file=content/q&a%2C part 1%3A flu.md,line=2,');
  });

  it('uses "notice" for info findings and prints errors first', () => {
    const text = formatGithub(report([finding({ severity: 'info', line: 1 }), finding({ severity: 'warning', line: 2 }), finding({ line: 3 })]));
    expect(text.split('\n').slice(0, 3).map((line) => line.split(' ')[0])).toEqual(['::error', '::warning', '::notice']);
  });

  it(`caps each kind at ${ANNOTATION_CAP} annotations and says how many more there are`, () => {
    const errors = Array.from({ length: 12 }, (_, i) => finding({ line: i + 1 }));
    const warnings = Array.from({ length: 11 }, (_, i) => finding({ severity: 'warning', line: i + 1 }));
    const notices = Array.from({ length: 3 }, (_, i) => finding({ severity: 'info', line: i + 1 }));
    const lines = formatGithub(report([...warnings, ...errors, ...notices])).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error ')).length).toBe(10);
    expect(lines.filter((l) => l.startsWith('::warning ')).length).toBe(10);
    expect(lines.filter((l) => l.startsWith('::notice ')).length).toBe(3);
    expect(lines.at(-2)).toBe('3 more findings not annotated (GitHub shows 10 of each kind per step): see the job summary or run "plan audit" locally.');
    expect(lines.at(-1)).toBe('3 posts checked: 23 problems (12 errors, 11 warnings) (3 notes)');
  });

  it('prints only the summary when there is nothing to report', () => {
    expect(formatGithub(report([]))).toBe('3 posts checked: no problems found\n');
  });
});
