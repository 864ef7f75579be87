import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_FILES } from '../../test/helpers/rules.js';
import { makeRepo, removeTempRepos } from '../../test/helpers/repo.js';
import { PlanError } from '../errors.js';
import { formatPreviewJson, formatPreviewText } from '../formats/preview.js';
import { audit } from '../audit/index.js';
import { findPost, previewOf } from './index.js';
import { loadRepository } from '../loading/repository.js';

afterAll(removeTempRepos);

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const NOW = new Date('2026-11-01T12:00:00Z');

const POST = `---
title: Flu shots are here
publish_at: 2026-12-07 09:00
networks: [x, instagram, facebook]
objective: education
status: draft
media:
  - file: media/flu.jpg
    alt: A nurse giving a flu shot
  - file: media/gone.jpg
link: https://cedarvalleyhealth.com/flu
variants:
  x: Flu shots are here! Walk in Mon–Fri 8–5. 💉
id: flu-shots
---
Flu shots are here for everyone six months and older.

Walk in any weekday from 8 to 5, no appointment needed. Bring your insurance card.

#FluShot
`;

/** As plan preview does: the post a path or id names, previewed in an audit of the repository. */
async function previewPost(options: { cwd: string; post: string; network?: string; now: Date }) {
  const post = findPost(await loadRepository(options.cwd), options.cwd, options.post);
  return previewOf(await audit({ cwd: options.cwd, now: options.now }), post, options.network);
}

function repo() {
  return makeRepo({ ...DEFAULT_FILES, 'content/2026/flu.md': POST, 'media/flu.jpg': JPEG });
}

describe('previewPost', () => {
  it('gives each network its exact text, count and limit', async () => {
    const preview = await previewPost({ cwd: repo().root, post: 'content/2026/flu.md', now: NOW });
    expect(preview).toMatchObject({ file: 'content/2026/flu.md', id: 'flu-shots', title: 'Flu shots are here', timeZone: 'America/New_York' });
    expect(preview.publishAt?.toISOString()).toBe('2026-12-07T14:00:00.000Z');
    const [x, instagram, facebook] = preview.networks;
    expect(x).toMatchObject({
      network: 'x',
      from: 'variant',
      // Exactly as sent: the link to the practice's website counted per network and objective (a URL counts 23 on X).
      text: 'Flu shots are here! Walk in Mon–Fri 8–5. 💉\n\nhttps://cedarvalleyhealth.com/flu?utm_source=x&utm_medium=social&utm_campaign=education',
      count: 41 + 2 + 2 + 23,
      limit: 280,
      unit: 'weighted characters',
      link: { url: 'https://cedarvalleyhealth.com/flu', sent: true },
    });
    expect(x!.seeMore).toBeUndefined();
    expect(instagram).toMatchObject({ from: 'body', limit: 2200, link: { sent: false } });
    expect(instagram!.text).not.toContain('https://');
    expect(facebook!.text.endsWith('#FluShot\n\nhttps://cedarvalleyhealth.com/flu?utm_source=facebook&utm_medium=social&utm_campaign=education')).toBe(true);
  });

  it('shows where "see more" cuts the text', async () => {
    const preview = await previewPost({ cwd: repo().root, post: 'flu-shots', network: 'instagram', now: NOW });
    const [instagram] = preview.networks;
    expect(preview.networks).toHaveLength(1);
    expect(instagram!.seeMore).toEqual({
      offset: 'Flu shots are here for everyone six months and older.\n'.length,
      visible: 'Flu shots are here for everyone six months and older.\n',
      hidden: '\nWalk in any weekday from 8 to 5, no appointment needed. Bring your insurance card.\n\n#FluShot',
    });
  });

  it('lists the media with alt text and whether each exists, and the findings per network', async () => {
    const preview = await previewPost({ cwd: repo().root, post: 'content/2026/flu.md', network: 'instagram', now: NOW });
    const [instagram] = preview.networks;
    expect(instagram!.media).toEqual([
      { file: 'media/flu.jpg', alt: 'A nurse giving a flu shot', status: 'found', kind: 'image', format: 'jpeg', bytes: JPEG.length },
      { file: 'media/gone.jpg', status: 'missing', kind: 'image', format: 'jpeg' },
    ]);
    expect(instagram!.findings.map((f) => f.rule)).toContain('network/see-more');
    expect(instagram!.findings.every((f) => f.network === 'instagram')).toBe(true);
    expect(preview.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['network/media-missing', 'network/alt-text']));
  });

  it('refuses an unknown post, an unknown network and a network the post does not name', async () => {
    const root = repo().root;
    await expect(previewPost({ cwd: root, post: 'nothing-here', now: NOW })).rejects.toThrow(PlanError);
    await expect(previewPost({ cwd: root, post: 'flu-shots', network: 'tiktok', now: NOW })).rejects.toThrow('--network "tiktok" is not a network');
    await expect(previewPost({ cwd: root, post: 'flu-shots', network: 'linkedin', now: NOW })).rejects.toThrow('is not published on linkedin: its networks are x, instagram, facebook');
  });
});

describe('preview formats', () => {
  it('text marks the hidden part after the cut and lists media', async () => {
    const preview = await previewPost({ cwd: repo().root, post: 'flu-shots', network: 'instagram', now: NOW });
    const text = formatPreviewText(preview, { color: false });
    const lines = text.split('\n');
    const marker = lines.findIndex((line) => line.includes('see more'));
    expect(lines[marker - 1]).toBe('Flu shots are here for everyone six months and older.');
    expect(lines[marker + 1]).toBe('Walk in any weekday from 8 to 5, no appointment needed. Bring your insurance card.');
    expect(text).toContain('── Instagram ── 147 of 2,200 characters · from the body');
    expect(text).toContain('media/gone.jpg (missing) no alt text');
    expect(text).toContain('publishes 2026-12-07 09:00 America/New_York (2026-12-07 14:00 UTC)');
  });

  it('json carries the same model without PHI matches', async () => {
    const preview = await previewPost({ cwd: repo().root, post: 'flu-shots', now: NOW });
    const json = JSON.parse(formatPreviewJson(preview)) as { version: number; networks: { network: string; seeMore: unknown; findings: object[] }[] };
    expect(json.version).toBe(1);
    expect(json.networks.map((n) => n.network)).toEqual(['x', 'instagram', 'facebook']);
    expect(json.networks[0]!.seeMore).toBeNull();
    expect(JSON.stringify(json)).not.toContain('sensitiveText');
  });
});
