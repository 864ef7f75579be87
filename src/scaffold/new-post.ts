import { mkdir, writeFile, access } from 'node:fs/promises';
import path from 'node:path';
import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns/addDays';
import { format } from 'date-fns/format';
import { PlanError } from '../errors.js';
import type { Project } from '../loading/project.js';
import { NETWORK_IDS, readDateTime, type NetworkId } from '../loading/schemas/index.js';
import { profileFor } from '../networks/index.js';

export interface NewPostOptions {
  slug: string;
  /** "YYYY-MM-DD HH:MM" or "YYYY-MM-DD" (09:00) in practice time; tomorrow 09:00 when absent. */
  at?: string;
  networks?: string;
  now: Date;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Creates a draft post file from the project's plans and returns its repository path. */
export async function createPost(project: Project, options: NewPostOptions): Promise<string> {
  if (!SLUG.test(options.slug)) throw new PlanError(`"${options.slug}" is not a usable file name: use lowercase letters, digits and hyphens, e.g. flu-shots-2026`);
  const when = publishTime(options.at, project.timeZone, options.now);
  const networks = chooseNetworks(options.networks, project);
  const file = `content/${when.slice(0, 4)}/${when.slice(5, 7)}/${options.slug}.md`;
  const absolute = path.join(project.root, file);
  if (await access(absolute).then(() => true, () => false)) throw new PlanError(`${file} already exists: choose another name`);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(absolute, postText(options.slug, when, networks, project));
  return file;
}

function publishTime(at: string | undefined, timeZone: string, now: Date): string {
  if (at === undefined) return `${format(addDays(new TZDate(now, timeZone), 1), 'yyyy-MM-dd')} 09:00`;
  const written = readDateTime(at);
  if (typeof written === 'string') throw new PlanError(`--at: "${at}" ${written}`);
  if (written.offsetMinutes !== undefined) return at.trim();
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = written.dateOnly ? '09:00' : `${pad(written.hour)}:${pad(written.minute)}`;
  return `${written.year}-${pad(written.month)}-${pad(written.day)} ${time}`;
}

function chooseNetworks(list: string | undefined, project: Project): NetworkId[] {
  const enabled = NETWORK_IDS.filter((id) => project.networks.data?.[id]);
  if (list === undefined) {
    // A new draft has no media yet: a network that needs an image (Instagram) would fail the audit straight away.
    const textOnly = enabled.filter((id) => !profileFor(id).media.required);
    if (textOnly.length === 0) throw new PlanError('plans/networks.yaml enables no network that publishes text alone: pass --networks');
    return textOnly;
  }
  const named = list.split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = named.filter((n) => !enabled.includes(n as NetworkId));
  if (unknown.length > 0) throw new PlanError(`--networks: ${unknown.join(', ')} not enabled in plans/networks.yaml (enabled: ${enabled.join(', ') || 'none'})`);
  return named as NetworkId[];
}

function postText(slug: string, when: string, networks: NetworkId[], project: Project): string {
  const title = slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  const audiences = Object.keys(project.audiences.data?.segments ?? {});
  const objectives = Object.keys(project.objectives.data?.objectives ?? {});
  return [
    '---',
    `title: ${title}`,
    `publish_at: ${when}`,
    `networks: [${networks.join(', ')}]`,
    `audience: []            # any of: ${audiences.join(', ') || '(none defined in plans/audiences.yaml)'}`,
    `objective: ${objectives[0] ?? ''}${objectives.length > 1 ? `   # one of: ${objectives.join(', ')}` : ''}`,
    'status: draft           # set to ready when it may publish',
    '---',
    // The title keeps two fresh drafts from being reported as the same text.
    `${title}: write the post here. General health information only: never anything about an individual patient.`,
    '',
  ].join('\n');
}
