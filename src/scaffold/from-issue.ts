import { readFile } from 'node:fs/promises';
import { PlanError } from '../errors.js';
import { readIssueForm } from '../github/index.js';
import { HttpClient } from '../http/client.js';
import type { NewPostRequest } from './new-post.js';
import { splitList } from './choices.js';

/** The fields of the "New post" issue form (templates/init/.github/ISSUE_TEMPLATE/new-post.yml), by the label people see. */
export const FORM = {
  title: 'Title',
  when: 'When',
  networks: 'Networks',
  audience: 'Audience',
  objective: 'Objective',
  text: 'Text',
  image: 'Image',
  alt: 'Image description',
} as const;

/** The issue of an `issues` event: what was asked, and who asked. */
export interface Issue {
  number: number;
  title: string;
  body: string;
  author: { login: string; id: number };
  url: string;
}

/** The issue an event file (GITHUB_EVENT_PATH of an `issues` workflow) is about. */
export async function readIssueEvent(file: string): Promise<Issue> {
  let payload: { issue?: { number?: unknown; title?: unknown; body?: unknown; html_url?: unknown; user?: { login?: unknown; id?: unknown }; pull_request?: unknown } };
  try {
    payload = JSON.parse(await readFile(file, 'utf8')) as typeof payload;
  } catch (error) {
    throw new PlanError(`--from-issue: could not read ${file} (${(error as NodeJS.ErrnoException).code ?? 'not JSON'}): give the event file of an "issues" workflow (GITHUB_EVENT_PATH)`);
  }
  const issue = payload?.issue;
  if (!issue || issue.pull_request !== undefined || typeof issue.number !== 'number' || typeof issue.user?.login !== 'string') {
    throw new PlanError(`--from-issue: ${file} is not the event of an issue: run it from a workflow "on: issues"`);
  }
  return {
    number: issue.number,
    title: typeof issue.title === 'string' ? issue.title : '',
    body: typeof issue.body === 'string' ? issue.body : '',
    author: { login: issue.user.login, id: typeof issue.user.id === 'number' ? issue.user.id : 0 },
    url: typeof issue.html_url === 'string' ? issue.html_url : '',
  };
}

/** What the issue's form asks for: a post request, and the image still to fetch. */
export interface IssueRequest {
  request: NewPostRequest;
  image?: { url: string; alt?: string };
}

/** What keeps an issue from becoming a post, each problem naming the form's field. */
export class IssueProblems extends PlanError {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/** Reads the "New post" form of an issue into a request for a ready post; IssueProblems, naming each field as the form shows it, when it cannot. */
export function requestFromIssue(issue: Issue, now: Date): IssueRequest {
  const answers = readIssueForm(issue.body, Object.values(FORM));
  const answer = (label: string) => answers.get(label.toLowerCase());
  const title = answer(FORM.title) ?? issue.title.replace(/^\s*\[?new post\]?\s*:?\s*/i, '').trim();
  const text = answer(FORM.text);
  const problems: string[] = [];
  if (answers.size === 0) problems.push(`this issue was not written with the "New post" form: open a new issue and choose "New post"`);
  else if (!text) problems.push(`the "${FORM.text}" field is empty: write the post there`);
  if (!title) problems.push(`the "${FORM.title}" field is empty: give the post a short title (people see it in the calendar, not on the networks)`);
  const imageField = answer(FORM.image);
  const imageUrl = imageField === undefined ? undefined : attachedImage(imageField);
  if (imageField !== undefined && imageUrl === undefined) problems.push(`the "${FORM.image}" field holds no image: drag the picture into the field so that GitHub attaches it, or leave the field empty`);
  if (problems.length > 0) throw new IssueProblems(problems);
  const request: NewPostRequest = {
    slug: slugOf(title!, issue.number),
    title: title!,
    body: text!,
    status: 'ready',
    note: `From issue #${issue.number} by @${issue.author.login}: edit the issue to change it, or this file in the pull request.`,
    now,
    fieldNames: { at: field(FORM.when), networks: field(FORM.networks), objective: field(FORM.objective), audience: field(FORM.audience) },
    ...optional('at', answer(FORM.when)),
    ...optional('networks', splitList(answer(FORM.networks))),
    ...optional('objective', answer(FORM.objective)),
    ...optional('audience', splitList(answer(FORM.audience))),
  };
  const alt = answer(FORM.alt);
  return { request, ...(imageUrl ? { image: { url: imageUrl, ...(alt ? { alt } : {}) } } : {}) };
}

const field = (label: string) => `the "${label}" field`;

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** "Flu shots are here!" → "flu-shots-are-here"; a title with no letters or digits → "issue-12". */
export function slugOf(title: string, issue: number): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || `issue-${issue}`;
}

/** The address of the image GitHub attached to a field: markdown `![…](url)`, an `<img src="url">`, or the address alone. */
function attachedImage(text: string): string | undefined {
  const found = /!\[[^\]]*\]\(\s*<?([^)\s>]+)>?[^)]*\)/.exec(text)?.[1] ?? /<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/i.exec(text)?.[1] ?? /^(https?:\/\/\S+)$/.exec(text.trim())?.[1];
  return found;
}

export type ImageType = 'jpg' | 'png' | 'gif' | 'webp';

// Instagram and X take images up to 8 MB and 5 MB; a bigger attachment is not a post image.
const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
const MAX_REDIRECTS = 3;
// Where GitHub keeps what people attach to issues (the web host itself is added: GITHUB_SERVER_URL).
const ATTACHMENT_HOSTS = new Set(['github.com', 'user-images.githubusercontent.com', 'private-user-images.githubusercontent.com']);

/**
 * Downloads an image attached to the issue. Only GitHub's own attachment addresses are fetched (an
 * address anywhere else is refused: the job must not fetch what an issue points it at), the token
 * goes only to the GitHub web host, and the answer must be a JPEG, PNG, GIF or WebP of at most 8 MB.
 */
export async function fetchAttachedImage(url: string, settings: { serverUrl: string; token?: string; env: NodeJS.ProcessEnv }): Promise<{ bytes: Buffer; type: ImageType }> {
  const server = new URL(settings.serverUrl);
  const start = parseUrl(url);
  if (!start || !(start.origin === server.origin || (start.protocol === 'https:' && ATTACHMENT_HOSTS.has(start.hostname)))) {
    throw new PlanError(`the "${FORM.image}" field links to ${start?.host ?? 'an address'} instead of holding an image: drag the picture into the field so that GitHub attaches it`);
  }
  const timeout = Number(settings.env.PLAN_HTTP_TIMEOUT_MS);
  const http = new HttpClient({ maxBodyBytes: MAX_IMAGE_BYTES, secrets: settings.token ? [settings.token] : [], ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}) });
  let current = start;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const auth: Record<string, string> = current.origin === server.origin && settings.token ? { authorization: `Bearer ${settings.token}` } : {};
    const response = await http.send({ method: 'GET', url: current.href, headers: { 'user-agent': 'plan', accept: 'image/*', ...auth } }).catch((error: Error) => {
      throw new PlanError(`could not fetch the image of the "${FORM.image}" field: ${http.redact(error.message)}`);
    });
    const next = response.status >= 300 && response.status < 400 && response.headers.location ? parseUrl(response.headers.location, current) : undefined;
    if (next && next.protocol === 'https:') {
      current = next;
      continue;
    }
    if (response.status !== 200) throw new PlanError(`could not fetch the image of the "${FORM.image}" field: GitHub answered ${response.status}; attach it to the issue again`);
    const type = imageType(response.body);
    if (!type) throw new PlanError(`the "${FORM.image}" field holds a file that is not a JPEG, PNG, GIF or WebP image: attach a photo or a picture`);
    return { bytes: response.body, type };
  }
  throw new PlanError(`could not fetch the image of the "${FORM.image}" field: it was moved more than ${MAX_REDIRECTS} times`);
}

function parseUrl(text: string, base?: URL): URL | undefined {
  try {
    return new URL(text, base);
  } catch {
    return undefined;
  }
}

function imageType(bytes: Buffer): ImageType | undefined {
  if (bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'jpg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (/^GIF8[79]a/.test(bytes.subarray(0, 6).toString('latin1'))) return 'gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  return undefined;
}
