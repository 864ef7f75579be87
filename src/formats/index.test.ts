import { describe, expect, it } from 'vitest';
import { countFindings } from '../audit/index.js';
import { LineIndex } from '../loading/source.js';
import type { Finding } from '../rules/types.js';
import { AUDIT_FORMATS, formatFindings } from './index.js';
import { cell } from './markdown.js';
import { maskLine } from './mask.js';
import type { FindingsReport } from './types.js';

const SOURCE = '---\ntitle: Thanks\n---\nThanks to Jane Roe for her story | call 555-201-7788 <b>now</b>\n';
const PHI: Finding = {
  rule: 'phi/phone',
  severity: 'error',
  file: 'content/a.md',
  network: null,
  message: 'Phone number of a person (not the practice’s)',
  line: 4,
  column: 41,
  endLine: 4,
  endColumn: 53,
  sensitiveText: '555-201-7788',
};
const NAME: Finding = { ...PHI, rule: 'phi/name', message: 'Name of a person who is not on the staff list', column: 11, endColumn: 19, sensitiveText: 'Jane Roe' };

function report(findings: Finding[]): FindingsReport {
  return { findings, counts: countFindings(findings), posts: 1, sources: new Map([['content/a.md', new LineIndex(SOURCE)]]), rules: [], toolVersion: '0.0.0' };
}

describe('every audit format', () => {
  it.each(AUDIT_FORMATS)('%s never prints the text a PHI finding matched', (format) => {
    const text = formatFindings(format, report([PHI, NAME]), { color: false, reveal: false });
    expect(text).toContain('phi/phone');
    expect(text).not.toContain('555-201-7788');
    expect(text).not.toContain('Jane Roe');
  });
});

describe('pretty', () => {
  it('shows the line at fault with the identifiers blotted out and a caret under the finding', () => {
    const text = formatFindings('pretty', report([PHI]), { color: false, reveal: false });
    expect(text).toContain('  4:41    error    Phone number of a person (not the practice’s)  phi/phone\n');
    expect(text).toContain('      4 │ Thanks to Jane Roe for her story | call ████████████ <b>now</b>\n');
    expect(text).toContain(`        │ ${' '.repeat(40)}^^^^^^^^^^^^\n`);
  });

  it('shows the matched text with --reveal', () => {
    const text = formatFindings('pretty', report([PHI]), { color: false, reveal: true });
    expect(text).toContain('matched: 555-201-7788');
  });

  it('prints no colour codes when colour is off, and some when on', () => {
    expect(formatFindings('pretty', report([PHI]), { color: false, reveal: false })).not.toContain('\u001b[');
    expect(formatFindings('pretty', report([PHI]), { color: true, reveal: false })).toContain('\u001b[');
  });
});

describe('maskLine', () => {
  it('blots out every PHI finding on the line and keeps the rest', () => {
    expect(maskLine('Thanks to Jane Roe for her story | call 555-201-7788', 4, [PHI, NAME])).toBe('Thanks to ████████ for her story | call ████████████');
  });

  it('leaves findings of other rules and other lines alone', () => {
    expect(maskLine('Cures colds', 4, [{ ...PHI, rule: 'compliance/health-claims', column: 1, endColumn: 6 }])).toBe('Cures colds');
    expect(maskLine('Cures colds', 5, [PHI])).toBe('Cures colds');
  });
});

describe('markdown', () => {
  it('escapes what would break a table cell or become HTML', () => {
    expect(cell('a | b\\c <script>\r\nnext')).toBe('a \\| b\\\\c &lt;script> next');
  });

  it('lays out a table per file', () => {
    const text = formatFindings('markdown', report([{ ...PHI, sensitiveText: undefined, rule: 'schema/date', message: 'a | b' }]), { color: false, reveal: false });
    expect(text).toContain('### `content/a.md`');
    expect(text).toContain('| 4:41 | 🛑 error |  | a \\| b | `schema/date` |');
  });
});

describe('json', () => {
  it('has the documented JSON shape', () => {
    const parsed = JSON.parse(formatFindings('json', report([PHI]), { color: false, reveal: false }));
    expect(parsed).toEqual({
      version: 1,
      posts: 1,
      findings: [{ rule: 'phi/phone', severity: 'error', file: 'content/a.md', line: 4, column: 41, endLine: 4, endColumn: 53, network: null, message: PHI.message }],
      counts: { error: 1, warning: 0, info: 0 },
    });
  });
});
