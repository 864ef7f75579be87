import { describe, expect, it } from 'vitest';
import { post, runOn } from '../../../test/helpers/rules.js';
import { unknownId } from './unknown-id.js';

describe('schema/unknown-id', () => {
  it('names the network that is not enabled and suggests the closest id', async () => {
    const { findings } = await runOn([unknownId], {
      'plans/networks.yaml': 'x: { account: "@a" }\n',
      'content/a.md': post('title: A\npublish_at: 2026-12-01 09:00\nnetworks: [x, facebook]\naudience: [senoirs]\nobjective: education'),
    });
    expect(findings.map((f) => [f.line, f.message])).toEqual([
      [4, expect.stringContaining('the network facebook is not in plans/networks.yaml')],
      [5, expect.stringContaining('did you mean "seniors"?')],
    ]);
  });

  it('says which plan file is missing', async () => {
    const { findings } = await runOn([unknownId], {
      'plans/objectives.yaml': null,
      'content/a.md': post('title: A\npublish_at: 2026-12-01 09:00\nnetworks: [x]\nobjective: education'),
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('there is no plans/objectives.yaml');
  });
});
