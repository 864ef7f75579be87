import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../loading/project.js';
import { runRules } from '../engine.js';
import { recordFromTexts } from '../../loading/record.js';
import { COMPLIANCE_RULES } from './index.js';
import { loadPosts } from '../../loading/posts.js';

const EXAMPLE = fileURLToPath(new URL('../../../', import.meta.url));

describe('COMPLIANCE_RULES', () => {
  it('have unique ids in the compliance family, each with one line of docs', () => {
    const ids = COMPLIANCE_RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of COMPLIANCE_RULES) {
      expect(rule.meta.id).toMatch(/^compliance\/[a-z-]+$/);
      expect(rule.meta.docs).not.toContain('\n');
    }
  });

  it('find nothing in the example content of this repository', async () => {
    const project = await loadProject(EXAMPLE);
    const posts = await loadPosts(EXAMPLE, project.timeZone);
    const { findings } = runRules({ project, posts, record: recordFromTexts([]), rules: COMPLIANCE_RULES, now: new Date('2026-11-29T00:00:00Z') });
    expect(findings.filter((f) => f.rule.startsWith('compliance/'))).toEqual([]);
  });
});
