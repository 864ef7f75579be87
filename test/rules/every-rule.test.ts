import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit/index.js';
import { RULES } from '../../src/rules/registry.js';

const fixture = fileURLToPath(new URL('../fixtures/every-rule/', import.meta.url));

describe('the every-rule fixture repository', () => {
  it('makes every rule the tool has report at least once', async () => {
    const result = await audit({ cwd: fixture, now: new Date('2026-12-01T12:00:00Z') });
    const fired = new Set([...result.findings, ...result.suppressed].map((f) => f.rule));
    const silent = RULES.map((r) => r.meta.id).filter((id) => !fired.has(id));
    expect(silent).toEqual([]);
    expect(path.basename(result.root)).toBe('every-rule');
  });
});
