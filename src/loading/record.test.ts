import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendEntry } from '../publishing/record.js';
import { damageAbout, fingerprint, latestEntry, publishedTwin, readRecord, recordFromTexts, RECORD_FILE, type RecordEntry } from './record.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'plan-record-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const entry = (over: Partial<RecordEntry>): RecordEntry => ({
  post: '2026/12/flu',
  network: 'x',
  state: 'attempting',
  at: '2026-12-01T14:00:00.000Z',
  fingerprint: fingerprint('Flu shots are here'),
  file: 'content/2026/12/flu.md',
  ...over,
});

const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' });

describe('the publish record', () => {
  it('is empty when no run has written it', async () => {
    expect(await readRecord(root)).toEqual({ entries: [], damaged: [], sources: [] });
  });

  it('appends one JSON line per state change and reads them back in time order', async () => {
    await appendEntry(root, entry({ state: 'attempting' }));
    await appendEntry(root, entry({ state: 'published', at: '2026-12-01T14:00:02.000Z', remoteId: '1', url: 'https://x.com/i/1' }));
    const text = await readFile(path.join(root, RECORD_FILE), 'utf8');
    expect(text.trim().split('\n')).toHaveLength(2);
    const record = await readRecord(root);
    expect(latestEntry(record, '2026/12/flu', 'x')?.state).toBe('published');
    expect(latestEntry(record, '2026/12/flu', 'bluesky')).toBeUndefined();
  });

  it('keeps reading past a line a bad merge broke, says which line, and which post it may be about', async () => {
    await mkdir(path.join(root, '.plan'));
    const good = JSON.stringify(entry({ state: 'published' }));
    await writeFile(path.join(root, RECORD_FILE), `${good}\n<<<<<<< HEAD\n{"post":"2026/12/other","network":"facebook","state":\n${good}\n`);
    const record = await readRecord(root);
    expect(record.entries).toHaveLength(1);
    expect(record.damaged).toEqual([
      { source: RECORD_FILE, line: 2 },
      { source: RECORD_FILE, line: 3, post: '2026/12/other', network: 'facebook' },
    ]);
    expect(damageAbout(record, '2026/12/other', 'facebook')).toHaveLength(2);
    expect(damageAbout(record, '2026/12/other', 'x')).toEqual([{ source: RECORD_FILE, line: 2 }]);
  });

  it('reads lines through NUL bytes and two lines glued together when a newline was lost', () => {
    const published = JSON.stringify(entry({ state: 'published', at: '2026-12-01T14:00:02.000Z' }));
    const facebook = JSON.stringify(entry({ network: 'facebook', state: 'published' }));
    const record = recordFromTexts([{ source: 'test', text: `\0\0${JSON.stringify(entry({}))}${published}\n${facebook}\0\n` }]);
    expect(record.damaged).toEqual([]);
    expect(record.entries.map((e) => `${e.network} ${e.state}`)).toEqual(['x attempting', 'facebook published', 'x published']);
  });

  it('orders lines of two runs merged with merge=union by time', async () => {
    await mkdir(path.join(root, '.plan'));
    const later = JSON.stringify(entry({ state: 'published', at: '2026-12-01T14:00:05.000Z' }));
    const earlier = JSON.stringify(entry({ state: 'attempting', at: '2026-12-01T14:00:00.000Z' }));
    await writeFile(path.join(root, RECORD_FILE), `${later}\n${earlier}\n`);
    expect(latestEntry(await readRecord(root), '2026/12/flu', 'x')?.state).toBe('published');
  });

  it('recognises a renamed post by the fingerprint of its text on the same network', async () => {
    await appendEntry(root, entry({ state: 'published', post: 'old-name' }));
    const record = await readRecord(root);
    const print = fingerprint('Flu  shots are\nhere ');
    expect(publishedTwin(record, 'new-name', 'x', print)?.post).toBe('old-name');
    expect(publishedTwin(record, 'new-name', 'facebook', print)).toBeUndefined();
    expect(publishedTwin(record, 'new-name', 'x', fingerprint('Different words'))).toBeUndefined();
  });

  it('also reads the record branch, as fetched and local, counting a line known in both places once', async () => {
    git('init', '-q', '-b', 'main');
    const attempting = JSON.stringify(entry({ state: 'attempting' }));
    const published = JSON.stringify(entry({ state: 'published', at: '2026-12-01T14:00:02.000Z' }));
    await mkdir(path.join(root, '.plan'));
    await writeFile(path.join(root, RECORD_FILE), `${attempting}\n${published}\n`);
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'checkout', '-q', '--orphan', 'plan-record');
    git('add', RECORD_FILE);
    git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-q', '-m', 'record');
    git('update-ref', 'refs/remotes/origin/plan-record', 'HEAD');
    git('checkout', '-q', '--orphan', 'main');
    git('rm', '-q', '--cached', RECORD_FILE);
    await rm(path.join(root, '.plan'), { recursive: true });
    const record = await readRecord(root);
    expect(record.sources).toEqual([`origin/plan-record:${RECORD_FILE}`, `plan-record:${RECORD_FILE}`]);
    expect(record.entries.map((e) => e.state)).toEqual(['attempting', 'published']);
  });
});
