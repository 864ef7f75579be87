import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CACHE_FILE } from '../../src/loading/parse-cache.js';
import { auditJson, makeRepo, post, removeTempRepos } from '../helpers/repo.js';

afterAll(removeTempRepos);

describe('plan audit with parsed posts kept between runs', () => {
  it('reports the same with the cache as without it, and sees an edit at once', async () => {
    const broken = post({ title: 'Flu shots: the facts' });
    const repo = makeRepo({ 'node_modules/.keep': '', 'content/good.md': post({ audience: '[parnets]' }), 'content/broken.md': broken });
    const first = await auditJson(repo);
    expect(existsSync(path.join(repo.root, CACHE_FILE))).toBe(true);
    const second = await auditJson(repo);
    expect(second.findings).toEqual(first.findings);
    expect(first.findings.map((f) => f.rule).sort()).toEqual(['schema/parse', 'schema/unknown-id']);

    repo.write('content/broken.md', post({ title: '"Flu shots: the facts"' }));
    repo.write('content/good.md', post({ audience: '[parents]' }));
    const edited = await auditJson(repo);
    expect(edited.findings).toEqual([]);

    repo.write('content/broken.md', broken);
    expect((await auditJson(repo)).findings).toEqual(first.findings.filter((f) => f.file === 'content/broken.md'));
  });
});
