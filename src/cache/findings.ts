import { createHash } from 'node:crypto';
import type { Post } from '../loading/post.js';
import type { Project } from '../loading/project.js';
import type { KeptReports, Report } from '../rules/types.js';
import { CACHE_DIR, KeptValues } from './store.js';
import { codeFolder, DATA_FOLDER, versionOf } from './version.js';

const NAME = 'findings.json';
export const FINDINGS_FILE = `${CACHE_DIR}/${NAME}`;

/** Every library a rule may use to read or measure a post. */
const LIBRARIES = ['yaml', 'zod', 'gray-matter', 'twitter-text', 'date-fns', '@date-fns/tz'];

type PostReports = Record<string, Report[]>;

/**
 * What the cacheable rules reported on each post in an earlier run, by the post's file and text.
 * The whole cache is thrown away when the tool's code, its word lists, a library's version or any
 * configuration or plan file changes: each of those can change what a rule reports.
 */
export class FindingsCache implements KeptReports {
  private constructor(private readonly kept: KeptValues<PostReports>) {}

  static open(project: Project): FindingsCache {
    return new FindingsCache(KeptValues.open<PostReports>(project.root, NAME, () => `${toolVersion()}.${planVersion(project)}`));
  }

  reportsOn(post: Post): PostReports | undefined {
    const key = keyOf(post);
    return key === undefined ? undefined : this.kept.get(key);
  }

  keep(post: Post, reports: PostReports): void {
    const key = keyOf(post);
    if (key !== undefined) this.kept.keep(key, reports);
  }

  save(): void {
    this.kept.save();
  }
}

// An empty text is also what a file that could not be read leaves: such posts are checked every time.
function keyOf(post: Post): string | undefined {
  if (post.lines.text === '') return undefined;
  return createHash('sha1').update(post.file).update('\0').update(post.lines.text).digest('base64url');
}

let computedToolVersion: string | undefined;

function toolVersion(): string {
  return (computedToolVersion ??= versionOf([codeFolder(), DATA_FOLDER], LIBRARIES));
}

function planVersion(project: Project): string {
  const hash = createHash('sha1').update(project.timeZone);
  for (const planFile of [project.config, project.networks, project.audiences, project.objectives, project.observances]) {
    hash.update(`\0${planFile.file}\0${planFile.present}\0`).update(planFile.lines?.text ?? '');
  }
  return hash.digest('base64url');
}
