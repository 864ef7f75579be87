import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PlanError } from '../errors.js';
import type { Post } from '../loading/post.js';
import type { Project } from '../loading/project.js';
import { readDateTime, type NetworkId } from '../loading/schemas/index.js';
import { resolveTime } from '../loading/time.js';
import { chooseAudience, chooseNetworks, chooseObjective, nextFreeSlot, type Choice, type PickedTime } from './choices.js';

/** What a new post is made of; whatever is left out, plan infers or leaves as a hint in the file. */
export interface NewPostRequest {
  slug: string;
  title?: string;
  /** "YYYY-MM-DD HH:MM" or "YYYY-MM-DD" (09:00) in practice time; the next free posting slot when absent. */
  at?: string;
  /** Network ids or labels, any case. */
  networks?: string[];
  objective?: string;
  audience?: string[];
  body?: string;
  status?: 'draft' | 'ready';
  media?: { file: string; alt?: string };
  /** A comment at the top of the frontmatter: where the post came from. */
  note?: string;
  now: Date;
  /** How the person gave each field, for messages: "--networks", or the "Networks" field of an issue. */
  fieldNames?: Partial<Record<'at' | 'networks' | 'objective' | 'audience', string>>;
}

/** A post ready to be written: its repository path, its text, and what plan chose for it. */
export interface PlannedPost {
  file: string;
  title: string;
  text: string;
  choices: Choice[];
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Plans a post from the project's plans and posts: its file under content/YYYY/MM and its text. */
export function planPost(project: Project, posts: readonly Post[], request: NewPostRequest): PlannedPost {
  if (!SLUG.test(request.slug)) throw new PlanError(`"${request.slug}" is not a usable file name: use lowercase letters, digits and hyphens, e.g. flu-shots-2026`);
  const names = request.fieldNames ?? {};
  const choices: Choice[] = [];
  const picked = chooseNetworks(request.networks, project, request.media !== undefined, names.networks);
  if (picked.choice) choices.push(picked.choice);
  const when = request.at === undefined ? nextFreeSlot(project, posts, picked.networks, request.now) : givenTime(request.at, project.timeZone, names.at ?? '--at');
  if (when.choice) choices.push(when.choice);
  const objective = chooseObjective(request.objective, project, posts, when.instant, names.objective);
  if (objective.choice) choices.push(objective.choice);
  const audience = chooseAudience(request.audience, project, names.audience);
  if (audience.length === 0) choices.push(audienceHint(project));
  const file = `content/${when.text.slice(0, 4)}/${when.text.slice(5, 7)}/${request.slug}.md`;
  const title = request.title?.trim() || request.slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return { file, title, text: postText(request, title, { when: when.text, networks: picked.networks, objective: objective.objective, audience }, project), choices };
}

/** Writes a planned post, never over a file that is there. */
export async function writePost(root: string, planned: PlannedPost): Promise<void> {
  const absolute = path.join(root, planned.file);
  if (await access(absolute).then(() => true, () => false)) throw new PlanError(`${planned.file} already exists: choose another name`);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(absolute, planned.text);
}

function givenTime(at: string, timeZone: string, name: string): PickedTime {
  const written = readDateTime(at);
  if (typeof written === 'string') throw new PlanError(`${name}: "${at}" ${written}`);
  const text = written.offsetMinutes !== undefined ? at.trim() : `${written.year}-${pad(written.month)}-${pad(written.day)} ${written.dateOnly ? '09:00' : `${pad(written.hour)}:${pad(written.minute)}`}`;
  const instant = resolveTime(written.dateOnly ? { ...written, hour: 9, minute: 0, dateOnly: false } : written, timeZone).instant;
  return { text, instant };
}

const pad = (n: number) => String(n).padStart(2, '0');

function audienceHint(project: Project): Choice {
  const segments = Object.keys(project.audiences.data?.segments ?? {});
  const why = segments.length > 0 ? 'who it is for is yours to say: the file lists the segments of plans/audiences.yaml to pick from' : 'plans/audiences.yaml defines no segments';
  return { field: 'audience', value: '(not set)', why };
}

interface Filled {
  when: string;
  networks: NetworkId[];
  objective?: string;
  audience: string[];
}

function postText(request: NewPostRequest, title: string, filled: Filled, project: Project): string {
  const objectives = Object.keys(project.objectives.data?.objectives ?? {});
  const lines = [
    '---',
    ...(request.note ? [`# ${request.note.replace(/\s+/g, ' ')}`] : []),
    `title: ${yamlText(title)}`,
    `publish_at: ${filled.when}`,
    `networks: [${filled.networks.join(', ')}]`,
    audienceLine(filled.audience, project),
    ...(filled.objective ? [`objective: ${filled.objective}${objectives.length > 1 ? `   # one of: ${objectives.join(', ')}` : ''}`] : []),
    request.status === 'ready' ? 'status: ready' : 'status: draft           # set to ready when it may publish',
    ...mediaLines(request.media),
    '---',
    // The title keeps two fresh drafts from being reported as the same text.
    request.body?.trim() || `${title}: write the post here. General health information only: never anything about an individual patient.`,
    '',
  ];
  return lines.join('\n');
}

/** The audience as chosen, or, never silently empty, a commented line listing the segments to pick from. */
function audienceLine(audience: readonly string[], project: Project): string {
  if (audience.length > 0) return `audience: [${audience.join(', ')}]`;
  const segments = Object.entries(project.audiences.data?.segments ?? {});
  if (segments.length === 0) return '# audience: plans/audiences.yaml defines no segments yet';
  const ids = segments.map(([id]) => id).join(', ');
  return `# audience: [${ids}]   # who it is for: keep those that apply, then remove the "# "\n#   ${segments.map(([id, s]) => `${id}: ${s.label}`).join('; ')}`;
}

function mediaLines(media: NewPostRequest['media']): string[] {
  if (!media) return [];
  return ['media:', `  - file: ${yamlText(media.file)}`, ...(media.alt?.trim() ? [`    alt: ${yamlText(media.alt.trim())}`] : [])];
}

/** Text as a YAML scalar: plain when that reads back the same, else double-quoted (JSON's quoting is YAML's). */
export function yamlText(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const plain = /^[A-Za-z0-9][A-Za-z0-9 .,!?'()&/+-]*$/.test(oneLine) && !/^(true|false|null|yes|no|on|off|[-+.\d][\d.eE+-]*)$/i.test(oneLine);
  return plain ? oneLine : JSON.stringify(oneLine);
}
