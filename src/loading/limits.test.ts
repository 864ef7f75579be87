import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRepoFile } from './files.js';
import { parseYaml } from './yaml.js';

const root = mkdtempSync(path.join(tmpdir(), 'plan-limits-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('files past what the parser or a post can take', () => {
  it('says fields nested thousands deep are nested too deeply, once, not a stack overflow', () => {
    for (const text of [`x: ${'['.repeat(20_000)}\n`, `x: ${'{a: '.repeat(20_000)}\n`]) {
      const messages = parseYaml(text).problems.map((problem) => problem.message);
      expect(messages).toContain('the fields are nested too deeply (lists or sets of fields inside one another hundreds of times): write them out flat');
      expect(messages.join('\n')).not.toMatch(/call stack/i);
      expect(new Set(messages).size).toBe(messages.length);
    }
  });

  it('calls an oversize YAML file a settings or plan file, not a post', () => {
    writeFileSync(path.join(root, 'plan.config.yaml'), `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    writeFileSync(path.join(root, 'post.md'), `${'x'.repeat(2 * 1024 * 1024)}\n`);
    expect(readRepoFile(root, 'plan.config.yaml', 1024 * 1024, 'yaml')).toEqual({ ok: false, message: 'is 2.0 MB, larger than the 1.0 MB a settings or plan file may be: is it the right file?' });
    expect(readRepoFile(root, 'post.md')).toEqual({ ok: false, message: 'is 2.0 MB, larger than the 1.0 MB a post may be: is it the right file?' });
  });
});
