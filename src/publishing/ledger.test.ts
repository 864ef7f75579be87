import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendEntry, fingerprint, latestEntry, LEDGER_FILE, publishedTwin, readLedger, type LedgerEntry } from './ledger.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'plan-ledger-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const entry = (over: Partial<LedgerEntry>): LedgerEntry => ({
  post: '2026/12/flu',
  network: 'x',
  state: 'attempting',
  at: '2026-12-01T14:00:00.000Z',
  fingerprint: fingerprint('Flu shots are here'),
  file: 'content/2026/12/flu.md',
  ...over,
});

describe('the publish record', () => {
  it('is empty when no run has written it', async () => {
    expect(await readLedger(root)).toEqual({ entries: [], unreadableLines: [] });
  });

  it('appends one JSON line per state change and reads them back in time order', async () => {
    await appendEntry(root, entry({ state: 'attempting' }));
    await appendEntry(root, entry({ state: 'published', at: '2026-12-01T14:00:02.000Z', remoteId: '1', url: 'https://x.com/i/1' }));
    const text = await readFile(path.join(root, LEDGER_FILE), 'utf8');
    expect(text.trim().split('\n')).toHaveLength(2);
    const ledger = await readLedger(root);
    expect(latestEntry(ledger, '2026/12/flu', 'x')?.state).toBe('published');
    expect(latestEntry(ledger, '2026/12/flu', 'bluesky')).toBeUndefined();
  });

  it('keeps reading past a line a bad merge broke, and says which line', async () => {
    await mkdir(path.join(root, '.plan'));
    const good = JSON.stringify(entry({ state: 'published' }));
    await writeFile(path.join(root, LEDGER_FILE), `${good}\n<<<<<<< HEAD\n{"post":1}\n${good}\n`);
    const ledger = await readLedger(root);
    expect(ledger.entries).toHaveLength(2);
    expect(ledger.unreadableLines).toEqual([2, 3]);
  });

  it('orders lines of two runs merged with merge=union by time', async () => {
    await mkdir(path.join(root, '.plan'));
    const later = JSON.stringify(entry({ state: 'published', at: '2026-12-01T14:00:05.000Z' }));
    const earlier = JSON.stringify(entry({ state: 'attempting', at: '2026-12-01T14:00:00.000Z' }));
    await writeFile(path.join(root, LEDGER_FILE), `${later}\n${earlier}\n`);
    expect(latestEntry(await readLedger(root), '2026/12/flu', 'x')?.state).toBe('published');
  });

  it('recognises a renamed post by the fingerprint of its text on the same network', async () => {
    await appendEntry(root, entry({ state: 'published', post: 'old-name' }));
    const ledger = await readLedger(root);
    const print = fingerprint('Flu  shots are\nhere ');
    expect(publishedTwin(ledger, 'new-name', 'x', print)?.post).toBe('old-name');
    expect(publishedTwin(ledger, 'new-name', 'facebook', print)).toBeUndefined();
    expect(publishedTwin(ledger, 'new-name', 'x', fingerprint('Different words'))).toBeUndefined();
  });
});
