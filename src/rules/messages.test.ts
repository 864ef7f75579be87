import { describe, expect, it } from 'vitest';
import { docsUrl, fillMessage, placeholdersOf, writeReport } from './messages.js';
import type { RuleMeta } from './types.js';

const META: RuleMeta<'tooLong'> = {
  id: 'network/length',
  severity: 'error',
  docs: { description: 'd', why: 'w', url: docsUrl('network/length') },
  messages: { tooLong: '{{network}} counts {{ count }} of {{max}}' },
};
const RANGE = { line: 3, column: 1, endLine: 3, endColumn: 9 };

describe('rule messages', () => {
  it('fill each {{placeholder}} from the data, numbers included, and leave one without a value as written', () => {
    expect(fillMessage('{{network}} counts {{ count }} of {{max}}', { network: 'X', count: 288 })).toBe('X counts 288 of {{max}}');
    expect(fillMessage('a {{b}} c', { b: '{{b}}' })).toBe('a {{b}} c');
    expect(placeholdersOf(META.messages.tooLong)).toEqual(['network', 'count', 'max']);
  });

  it('write a report with the message, keeping the network and the matched text apart', () => {
    const written = writeReport(META, { messageId: 'tooLong', data: { network: 'X', count: 288, max: 280 }, range: RANGE, network: 'x', sensitiveText: 'Dale' });
    expect(written).toEqual({ message: 'X counts 288 of 280', range: RANGE, network: 'x', sensitiveText: 'Dale' });
  });

  it('refuse a message id the rule does not have: a bug in plan, not in the user\'s files', () => {
    expect(() => writeReport(META as RuleMeta, { messageId: 'tooShort', range: RANGE })).toThrow('rule network/length has no message "tooShort"');
  });

  it('point to the rule\'s page in the repository on GitHub', () => {
    expect(docsUrl('phi/id-number')).toBe('https://github.com/practice-plan/plan/blob/main/docs/rules/phi/id-number.md');
  });
});
