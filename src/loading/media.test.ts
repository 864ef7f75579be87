import { afterAll, describe, expect, it } from 'vitest';
import { makeRepo, post, removeTempRepos, type FileContent } from '../../test/helpers/repo.js';
import { sniffFormat } from './media.js';
import { loadPosts } from './posts.js';

afterAll(removeTempRepos);

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const iso = (brand: string) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from(`ftyp${brand}\0\0\0\0`, 'latin1')]);

describe('sniffFormat', () => {
  it.each([
    [JPEG, 'jpeg'],
    [PNG, 'png'],
    [Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'gif'],
    [Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'), 'webp'],
    [Buffer.from('II*\x00\x08\x00\x00\x00', 'latin1'), 'tiff'],
    [Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 1, 0, 0, 0]), 'webm'],
    [iso('isom'), 'mp4'],
    [iso('qt  '), 'mov'],
    [iso('heic'), 'heif'],
    [iso('avif'), 'avif'],
    [Buffer.from('%PDF-1.7\n'), undefined],
    [Buffer.alloc(0), undefined],
  ])('%#: %s', (head, format) => {
    expect(sniffFormat(head)).toBe(format);
  });
});

async function factsFor(media: string[], files: Record<string, FileContent>) {
  const list = media.map((file) => `\n  - file: ${file}\n    alt: A picture`).join('');
  const repo = makeRepo({ 'content/a.md': post({ media: list }), ...files });
  const [loaded] = await loadPosts(repo.root, 'UTC');
  return loaded!.mediaFacts;
}

describe('media facts (through loadPosts)', () => {
  it('records size and format of files found, and what is wrong with the others', async () => {
    const facts = await factsFor(['media/a.jpg', 'media/b.jpg', 'media/none.png', 'media', '../outside.png', '/etc/hostname'], {
      'media/a.jpg': JPEG,
      'media/b.jpg': PNG,
    });
    expect(facts).toEqual([
      { file: 'media/a.jpg', status: 'found', bytes: JPEG.length, format: 'jpeg' },
      { file: 'media/b.jpg', status: 'found', bytes: PNG.length, format: 'png' },
      { file: 'media/none.png', status: 'missing' },
      { file: 'media', status: 'folder' },
      { file: '../outside.png', status: 'outside' },
      { file: '/etc/hostname', status: 'outside' },
    ]);
  });

  it('follows links inside the repository and refuses links out of it', async () => {
    const facts = await factsFor(['media/inside.jpg', 'media/out.jpg', 'media/broken.jpg'], {
      'media/real.jpg': JPEG,
      'media/inside.jpg': { symlink: 'real.jpg' },
      'media/out.jpg': { symlink: '/etc/hostname' },
      'media/broken.jpg': { symlink: 'nowhere.jpg' },
    });
    expect(facts?.map((f) => f.status)).toEqual(['found', 'outside', 'missing']);
  });

  it('leaves posts without media without facts', async () => {
    const repo = makeRepo({ 'content/a.md': post() });
    const [loaded] = await loadPosts(repo.root, 'UTC');
    expect(loaded!.mediaFacts).toBeUndefined();
  });
});
