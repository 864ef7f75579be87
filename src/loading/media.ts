import { open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isInside } from './files.js';
import { createLimiter, OPEN_FILES } from './limiter.js';

export type MediaKind = 'image' | 'video';
export type MediaFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'tiff' | 'heif' | 'avif' | 'mp4' | 'mov' | 'webm';

/** What the repository holds for one `media[i].file` of a post. */
export interface MediaFact {
  /** As written in the post. */
  file: string;
  status: 'found' | 'missing' | 'outside' | 'folder' | 'unreadable';
  /** Why the file could not be read (an errno code), when `status` is `unreadable`. */
  error?: string;
  bytes?: number;
  /** What the file's first bytes say it is; undefined when they match no image or video format plan knows. */
  format?: MediaFormat;
}

/** The file-name extensions of each format, lower case, as the network profiles list accepted types. */
export const FORMAT_EXTENSIONS: Record<MediaFormat, readonly string[]> = {
  jpeg: ['jpg', 'jpeg'],
  png: ['png'],
  gif: ['gif'],
  webp: ['webp'],
  bmp: ['bmp'],
  tiff: ['tif', 'tiff'],
  heif: ['heic', 'heif'],
  avif: ['avif'],
  mp4: ['mp4', 'm4v'],
  mov: ['mov'],
  webm: ['webm'],
};

const VIDEO_FORMATS: ReadonlySet<MediaFormat> = new Set(['mp4', 'mov', 'webm']);

export function kindOfFormat(format: MediaFormat): MediaKind {
  return VIDEO_FORMATS.has(format) ? 'video' : 'image';
}

/** Lower case, without the dot; '' when the name has none. */
export function extensionOf(file: string): string {
  return path.posix.extname(file.replace(/\\/g, '/')).slice(1).toLowerCase();
}

export function formatOfExtension(extension: string): MediaFormat | undefined {
  const entry = Object.entries(FORMAT_EXTENSIONS).find(([, extensions]) => extensions.includes(extension));
  return entry?.[0] as MediaFormat | undefined;
}

/**
 * Checks every media file every post attaches and records the result on the post as `mediaFacts`
 * (same order as `frontmatter.media`), so rules can judge media without reading files.
 */
/** What the repository holds for each media file the posts name (each file looked at once), in the posts' order. */
export async function mediaFactsOf(root: string, filesPerPost: readonly (readonly string[] | undefined)[]): Promise<(MediaFact[] | undefined)[]> {
  const realRoot = await realpath(root).catch(() => path.resolve(root));
  const checked = new Map<string, Promise<MediaFact>>();
  const limit = createLimiter(OPEN_FILES);
  const check = (file: string) => {
    if (!checked.has(file)) checked.set(file, limit(() => checkMediaFile(root, realRoot, file)));
    return checked.get(file)!;
  };
  return Promise.all(filesPerPost.map((files) => (files ? Promise.all(files.map(check)) : undefined)));
}

async function checkMediaFile(root: string, realRoot: string, file: string): Promise<MediaFact> {
  if (path.isAbsolute(file) || /^[a-z][a-z0-9+.-]*:/i.test(file)) return { file, status: 'outside' };
  const absolute = path.resolve(root, file);
  if (!isInside(path.resolve(root), absolute)) return { file, status: 'outside' };
  let real: string;
  try {
    real = await realpath(absolute);
  } catch (error) {
    return failure(file, error);
  }
  // A symbolic link may point anywhere; only what it resolves to counts.
  if (!isInside(realRoot, real)) return { file, status: 'outside' };
  try {
    const info = await stat(real);
    if (!info.isFile()) return { file, status: 'folder' };
    const format = sniffFormat(await readHead(real));
    return { file, status: 'found', bytes: info.size, ...(format ? { format } : {}) };
  } catch (error) {
    return failure(file, error);
  }
}

function failure(file: string, error: unknown): MediaFact {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP') return { file, status: 'missing' };
  return { file, status: 'unreadable', error: code };
}

const HEAD_BYTES = 16;

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const EBML_SIGNATURE = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);
const QUICKTIME_BRANDS = new Set(['qt  ']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

/** The image or video format of a file, from its first bytes (its "magic number"). */
export function sniffFormat(head: Buffer): MediaFormat | undefined {
  const ascii = (start: number, end: number) => head.toString('latin1', start, end);
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'tiff';
  if (ascii(0, 2) === 'BM' && head.length >= 14) return 'bmp';
  if (head.subarray(0, 4).equals(EBML_SIGNATURE)) return 'webm';
  if (ascii(4, 8) === 'ftyp') return isoMediaFormat(ascii(8, 12));
  return undefined;
}

// ISO base media files (MP4, QuickTime, HEIF, AVIF) name their kind by a "brand" after `ftyp`.
function isoMediaFormat(brand: string): MediaFormat {
  if (QUICKTIME_BRANDS.has(brand)) return 'mov';
  if (AVIF_BRANDS.has(brand)) return 'avif';
  if (HEIF_BRANDS.has(brand)) return 'heif';
  return 'mp4';
}
