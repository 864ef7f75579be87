import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FINDINGS_FILE } from '../../src/audit/findings-cache.js';
import { CACHE_FILE } from '../../src/loading/cache/parse-cache.js';
import { auditJson, FIXED_NOW, makeRepo, post, removeTempRepos, runPlan, type TempRepo } from '../helpers/repo.js';

afterAll(removeTempRepos);

interface FindingsCacheFile {
  version: string;
  entries: Record<string, { reports?: Record<string, { message: string }[]>; summaries?: Record<string, Record<string, string>> }>;
}

const readCache = (repo: TempRepo) => JSON.parse(readFileSync(path.join(repo.root, FINDINGS_FILE), 'utf8')) as FindingsCacheFile;
const writeCache = (repo: TempRepo, content: FindingsCacheFile) => writeFileSync(path.join(repo.root, FINDINGS_FILE), JSON.stringify(content));
const rulesOf = (findings: { rule: string }[]) => findings.map((f) => f.rule).sort();

// A person's name and phone number (phi/name, phi/phone); DUE_PHONE_POST is ready and due an hour before FIXED_NOW.
const PHONE_TEXT = 'Questions about your visit? Text Dana on her cell at 614-555-0142.\n';
const PHONE_POST = post({}, PHONE_TEXT);
const DUE_PHONE_POST = post({ status: 'ready', publish_at: '2029-12-01 06:00' }, PHONE_TEXT);
const LONG_POST = post({}, `${'Flu shots protect you and the people around you every single winter. '.repeat(5)}\n`);

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

describe('plan audit with findings kept between runs', () => {
  it('reuses what the post-only rules reported on an unchanged post, and checks a changed one afresh', async () => {
    const repo = makeRepo({ 'node_modules/.keep': '', 'content/phone.md': PHONE_POST, 'content/long.md': LONG_POST });
    const first = await auditJson(repo);
    expect(rulesOf(first.findings)).toEqual(['network/length', 'phi/name', 'phi/phone']);
    expect(Object.keys(readCache(repo).entries)).toHaveLength(2);
    expect((await auditJson(repo)).findings).toEqual(first.findings);
    // An audit of one post keeps what is known of the other.
    expect(rulesOf((await auditJson(repo, ['content/long.md'])).findings)).toEqual(['network/length']);
    expect(Object.keys(readCache(repo).entries)).toHaveLength(2);

    // Prove the next run reads the file: a doctored report comes back as written.
    const cache = readCache(repo);
    const [phoneEntry] = Object.values(cache.entries).filter((entry) => entry.reports?.['phi/phone']);
    phoneEntry!.reports!['phi/phone']![0]!.message = 'from the cache';
    writeCache(repo, cache);
    const reused = await auditJson(repo);
    expect(reused.findings.find((f) => f.rule === 'phi/phone')?.message).toBe('from the cache');

    // A damaged entry is checked afresh, not trusted.
    for (const entry of Object.values(cache.entries)) if (entry.reports?.['phi/phone']) entry.reports['phi/phone'] = [{ message: 'no place' }];
    writeCache(repo, cache);
    expect((await auditJson(repo)).findings).toEqual(first.findings);

    repo.write('content/phone.md', PHONE_POST.replace('Text Dana', 'Text us'));
    const edited = await auditJson(repo);
    expect(edited.findings.find((f) => f.rule === 'phi/phone')?.message).not.toBe('from the cache');
    expect(edited.findings.find((f) => f.rule === 'network/length')).toEqual(first.findings.find((f) => f.rule === 'network/length'));
  });

  it('checks every post afresh when a configuration or plan file changes', async () => {
    const repo = makeRepo({ 'node_modules/.keep': '', 'content/long.md': LONG_POST });
    expect(rulesOf((await auditJson(repo)).findings)).toEqual(['network/length']);
    const before = readCache(repo).version;
    // A higher limit in plans/networks.yaml takes the post under it: kept reports must not hide that.
    repo.write('plans/networks.yaml', 'x: { account: "@testpractice", max_chars: 4000 }\nfacebook: { page_id: "100000000000001" }\n');
    const after = await auditJson(repo);
    expect(after.findings.filter((f) => f.rule === 'network/length')).toEqual([]);
    expect(readCache(repo).version).not.toBe(before);
  });

  it('still runs the rules that read the clock or the media files on every run', async () => {
    const repo = makeRepo({
      'node_modules/.keep': '',
      'media/clinic.jpg': Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]),
      'content/photo.md': post({ status: 'ready', media: '[{ file: media/clinic.jpg, alt: Our clinic entrance }]', expires: '2030-06-01' }),
    });
    const first = await auditJson(repo);
    expect(rulesOf(first.findings)).not.toContain('network/media-missing');
    rmSync(path.join(repo.root, 'media/clinic.jpg'));
    const later = await auditJson(repo, ['--now', '2030-07-01T12:00:00Z']);
    expect(rulesOf(later.findings)).toEqual(expect.arrayContaining(['network/media-missing', 'plan/expired']));
  });

  it('checks every post afresh in a new year: PHI turns birth years into ages with it', async () => {
    const repo = makeRepo({ 'node_modules/.keep': '', 'content/birthday.md': post({}, 'Happy birthday to Edna, born in 1936, from all of us at the clinic!\n') });
    const december = await auditJson(repo, ['--now', '2025-12-15T12:00:00Z']);
    expect(rulesOf(december.findings)).not.toContain('phi/age');
    const january = await auditJson(repo, ['--now', '2026-01-15T12:00:00Z']);
    expect(rulesOf(january.findings)).toContain('phi/age');
  });

  it('is never used by plan publish: what decides a publication is checked afresh', async () => {
    const repo = makeRepo({ 'node_modules/.keep': '', 'content/phone.md': DUE_PHONE_POST });
    expect(rulesOf((await auditJson(repo)).findings)).toEqual(['phi/name', 'phi/phone', 'plan/missed']);
    const cache = readCache(repo);
    for (const entry of Object.values(cache.entries)) entry.reports = {};
    writeCache(repo, cache);
    expect(rulesOf((await auditJson(repo)).findings)).toEqual(['plan/missed']);

    const publish = await runPlan(['publish', '--dry-run', '--now', FIXED_NOW], { cwd: repo.root });
    expect(publish.stdout).toMatch(/BLOCKED {2}x: content\/phone\.md/);
    expect(publish.stdout).not.toContain('WOULD SEND');
  });
});
