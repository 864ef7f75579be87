import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_FILES } from '../../../test/helpers/rules.js';
import { makeRepo, removeTempRepos, type FileContent } from '../../../test/helpers/repo.js';
import { loadProject } from '../../loading/project.js';
import { runRules } from '../engine.js';
import { recordFromTexts } from '../../loading/record.js';
import type { Rule } from '../types.js';
import { altText } from './alt-text.js';
import { mediaLimits } from './media-limits.js';
import { mediaMissing } from './media-missing.js';
import { mediaRequired } from './media-required.js';
import { loadPosts } from '../../loading/posts.js';

afterAll(removeTempRepos);

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom\0\0\0\0', 'latin1')]);
const MB = 1024 * 1024;

/** Runs `rules` on one post with the given media list (YAML) and files: media needs binary files, which `runOn` cannot write. */
async function check(rules: Rule[], networks: string, media: string | undefined, files: Record<string, FileContent> = {}) {
  const frontmatter = [`title: Test`, `publish_at: 2026-12-01 09:00`, `networks: [${networks}]`, ...(media === undefined ? [] : [`media:${media}`])];
  const repo = makeRepo({ ...DEFAULT_FILES, 'content/a.md': `---\n${frontmatter.join('\n')}\n---\nWash your hands.\n`, ...files });
  const project = await loadProject(repo.root);
  const posts = await loadPosts(repo.root, project.timeZone);
  return runRules({ project, posts, record: recordFromTexts([]), rules, now: new Date('2026-11-01T12:00:00Z') }).findings;
}

const item = (file: string, alt: string | null = 'A nurse at a desk') => `\n  - file: ${file}${alt === null ? '' : `\n    alt: ${alt}`}`;
const items = (n: number, file: (i: number) => string) => Array.from({ length: n }, (_, i) => item(file(i))).join('');

describe('network/media-required', () => {
  it('reports Instagram without media on its entry in networks', async () => {
    const findings = await check([mediaRequired], 'x, instagram', undefined);
    expect(findings.map((f) => [f.network, f.line, f.column, f.message])).toEqual([
      ['instagram', 4, 15, 'Instagram only publishes posts with an image or a video: add one under media:, or remove instagram from networks'],
    ]);
  });

  it('is satisfied by one image, and says nothing when the media field itself is broken', async () => {
    expect(await check([mediaRequired], 'instagram', item('media/a.jpg'), { 'media/a.jpg': JPEG })).toEqual([]);
    expect(await check([mediaRequired], 'instagram', ' media/a.jpg')).toEqual([]);
  });
});

describe('network/media-missing', () => {
  it('reports files that do not exist, folders and paths outside the repository, on their file field', async () => {
    const media = item('media/none.jpg') + item('media') + item('../../etc/passwd') + item('media/out.jpg') + item('media/a.jpg');
    const files = { 'media/a.jpg': JPEG, 'media/out.jpg': { symlink: '/etc/hostname' } };
    const findings = await check([mediaMissing], 'x', media, files);
    expect(findings.map((f) => [f.line, f.network, f.message.split(':')[0]])).toEqual([
      [6, null, 'this media file does not exist'],
      [8, null, 'this media path is a folder, not a file'],
      [10, null, 'this media file is outside the repository'],
      [12, null, 'this media file is outside the repository'],
    ]);
  });
});

describe('network/alt-text', () => {
  it('reports images without alt text or with a blank one, not videos', async () => {
    const media = item('media/a.jpg', null) + item('media/b.jpg', '"  "') + item('media/c.mp4', null) + item('media/d.jpg');
    const files = { 'media/a.jpg': JPEG, 'media/b.jpg': JPEG, 'media/c.mp4': MP4, 'media/d.jpg': JPEG };
    const findings = await check([altText], 'x', media, files);
    expect(findings.map((f) => [f.line, f.column])).toEqual([
      [6, 5],
      [8, 10],
    ]);
    expect(findings[0]!.message).toContain('this image has no alt text');
  });

  it('reports alt text over 1,000 characters on Instagram, on the alt line, and not on other networks or for videos', async () => {
    const files = { 'media/a.jpg': JPEG, 'media/b.jpg': JPEG, 'media/c.mp4': MP4 };
    const media = item('media/a.jpg', 'a'.repeat(1000)) + item('media/b.jpg', 'b'.repeat(1001)) + item('media/c.mp4', 'c'.repeat(1500));
    const findings = await check([altText], 'x, facebook, instagram', media, files);
    expect(findings.map((f) => [f.network, f.line, f.column, f.message])).toEqual([
      ['instagram', 9, 10, 'Instagram takes alt text of at most 1,000 characters, and this one has 1,001: shorten it by 1 (a sentence or two about what the image shows is what screen reader users need)'],
    ]);
    expect(await check([altText], 'x, facebook', media, files)).toEqual([]);
  });

  it('judges a missing file by its name', async () => {
    const findings = await check([altText], 'x', item('media/gone.png', null));
    expect(findings).toHaveLength(1);
  });
});

describe('network/media-limits', () => {
  it('accepts exactly the most images a network takes and reports one more on the first extra', async () => {
    const files = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`media/${i}.jpg`, JPEG]));
    expect(await check([mediaLimits], 'x', items(4, (i) => `media/${i}.jpg`), files)).toEqual([]);
    const findings = await check([mediaLimits], 'x, bluesky, facebook', items(5, (i) => `media/${i}.jpg`), files);
    expect(findings.map((f) => [f.network, f.line, f.message])).toEqual([
      ['x', 14, 'X takes at most 4 images in a post, and this one has 5: remove 1'],
      ['bluesky', 14, 'Bluesky takes at most 4 images in a post, and this one has 5: remove 1'],
    ]);
  });

  it('reports images and a video together where a network does not mix them, but not on Instagram', async () => {
    const files = { 'media/a.jpg': JPEG, 'media/b.mp4': MP4 };
    const findings = await check([mediaLimits], 'x, instagram', item('media/a.jpg') + item('media/b.mp4'), files);
    expect(findings.map((f) => [f.network, f.line, f.message])).toEqual([
      ['x', 8, 'X does not take images and videos in one post, and this one has 1 image and 1 video: keep one kind'],
    ]);
  });

  it('reports a second video where a network takes one', async () => {
    const files = { 'media/a.mp4': MP4, 'media/b.mp4': MP4 };
    const findings = await check([mediaLimits], 'linkedin', item('media/a.mp4') + item('media/b.mp4'), files);
    expect(findings.map((f) => [f.line, f.message])).toEqual([[8, 'LinkedIn takes one video in a post, and this one has 2: remove 1']]);
  });

  it('accepts 10 items on Instagram and reports 11', async () => {
    const files = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`media/${i}.${i % 2 ? 'mp4' : 'jpg'}`, i % 2 ? MP4 : JPEG]));
    const name = (i: number) => `media/${i}.${i % 2 ? 'mp4' : 'jpg'}`;
    expect(await check([mediaLimits], 'instagram', items(10, name), files)).toEqual([]);
    const findings = await check([mediaLimits], 'instagram', items(11, name), files);
    expect(findings.map((f) => f.message)).toEqual(['Instagram takes at most 10 images and videos in a post, and this one has 11: remove 1']);
  });

  it('reports a type the network does not take, by the file contents', async () => {
    const files = { 'media/a.png': PNG, 'media/b.jpg': PNG, 'media/c.jpg': JPEG };
    const findings = await check([mediaLimits], 'instagram, x', item('media/a.png') + item('media/b.jpg') + item('media/c.jpg'), files);
    expect(findings.map((f) => [f.network, f.line, f.message])).toEqual([
      ['instagram', 6, 'Instagram takes only JPG images, and this one is PNG: convert it to JPG'],
      ['instagram', 8, 'Instagram takes only JPG images, and this one is PNG by its contents, whatever its name says: convert it to JPG'],
    ]);
  });

  it('reports a file that is neither an image nor a video once, without a network', async () => {
    const findings = await check([mediaLimits], 'x, facebook', item('media/a.jpg'), { 'media/a.jpg': 'not an image' });
    expect(findings.map((f) => [f.network, f.message])).toEqual([[null, expect.stringContaining('not an image or a video plan recognises')]]);
  });

  it('accepts an image of exactly the size limit and reports one byte more', async () => {
    const exact = Buffer.concat([JPEG, Buffer.alloc(5 * MB - JPEG.length)]);
    expect(await check([mediaLimits], 'x', item('media/a.jpg'), { 'media/a.jpg': exact })).toEqual([]);
    const findings = await check([mediaLimits], 'x', item('media/a.jpg'), { 'media/a.jpg': Buffer.concat([exact, Buffer.alloc(1)]) });
    expect(findings.map((f) => f.message)).toEqual(['this image is 5,242,881 bytes and X takes images up to 5,242,880 bytes: make it smaller']);
  });

  it('leaves files that are missing to network/media-missing', async () => {
    expect(await check([mediaLimits], 'instagram', item('media/none.png'))).toEqual([]);
  });
});
