import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/registry.js';

describe('the README rule table', () => {
  it('lists every rule the tool has, since messages send users there for rule ids', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const missing = RULES.map((rule) => rule.meta.id).filter((id) => !readme.includes(`\`${id}\``));
    expect(missing).toEqual([]);
  });
});
