/**
 * `plan doctor`: checks a set-up without publishing anything. Each check returns lines of
 * `{name, status, message, fix?}`; the command runs a list of them, so one more is one more entry in
 * the list. Nothing secret is ever in a line: variables are named, never shown.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HttpClient } from '../http/client.js';
import { CallError } from '../http/errors.js';
import type { Project } from '../loading/project.js';
import { NETWORK_IDS, type NetworkId } from '../loading/schemas/index.js';
import { endpointRefusal, listNames } from './base.js';
import type { AccountChecks, AccountOf, CheckResult } from './types.js';
import { xChecks } from './x/doctor.js';
import { linkedinChecks } from './linkedin/doctor.js';
import { facebookChecks } from './facebook/doctor.js';
import { instagramChecks } from './instagram/doctor.js';
import { blueskyChecks } from './bluesky/doctor.js';
import { mastodonChecks } from './mastodon/doctor.js';
import { endpointOf } from '../networks/endpoints.js';
import { gitDirOf, runGit, tryGit } from '../loading/git.js';
import { RECORD_BRANCH } from '../loading/record.js';
import { profileFor } from '../networks/index.js';

export type { CheckResult, CheckStatus } from './types.js';

export interface DoctorContext {
  root: string;
  project: Project;
  env: NodeJS.ProcessEnv;
  http: HttpClient;
  now: Date;
}

/** One check of `plan doctor`: its lines, in the order they are shown. */
export type DoctorCheck = (context: DoctorContext) => Promise<CheckResult[]>;

const ACCOUNT_CHECKS: { [N in NetworkId]: AccountChecks<N> } = {
  x: xChecks,
  linkedin: linkedinChecks,
  facebook: facebookChecks,
  instagram: instagramChecks,
  bluesky: blueskyChecks,
  mastodon: mastodonChecks,
};

/** Networks that fetch the post's media from `media_base_url` themselves. */
const FETCHING_NETWORKS: NetworkId[] = ['facebook', 'instagram'];
const MEDIA_EXTENSIONS = /\.(jpe?g|png|gif|webp|mp4|mov)$/i;
const RECORD_ATTRIBUTES = /^\.plan\/\*\.jsonl\s+(?:\S+\s+)*merge=union(?:\s|$)/m;

/** The checks of every configured network, then media, then the repository. */
export const DEFAULT_CHECKS: DoctorCheck[] = [checkNetworks, checkMedia, checkGitattributes, checkRecordHome];

export async function runDoctor(context: DoctorContext, checks: readonly DoctorCheck[] = DEFAULT_CHECKS): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    try {
      results.push(...(await check(context)));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      results.push({ name: check.name || 'check', status: 'error', message: context.http.redact(`the check could not run: ${message}`) });
    }
  }
  return results;
}

/** 1 when something must be fixed, else 0. */
export function doctorExitCode(results: readonly CheckResult[]): number {
  return results.some((r) => r.status === 'error') ? 1 : 0;
}

/** For each network of plans/networks.yaml: its endpoint, its credentials present, accepted, and when they expire. */
export async function checkNetworks(context: DoctorContext): Promise<CheckResult[]> {
  const networks = context.project.networks.data;
  if (!networks) {
    return [{ name: 'plans/networks.yaml', status: 'error', message: 'plans/networks.yaml could not be read', fix: 'run plan audit to see what is wrong with it' }];
  }
  const configured = NETWORK_IDS.filter((id) => networks[id]);
  if (configured.length === 0) return [{ name: 'plans/networks.yaml', status: 'warning', message: 'no network is configured, so nothing would be published', fix: 'add an account to plans/networks.yaml' }];
  const results: CheckResult[] = [];
  for (const network of configured) results.push(...(await checkAccount(network, networks[network]!, context)));
  return results;
}

async function checkAccount<N extends NetworkId>(network: N, account: AccountOf<N>, context: DoctorContext): Promise<CheckResult[]> {
  const checks = ACCOUNT_CHECKS[network] as AccountChecks<N>;
  const endpoint = endpointOf(network, account as AccountOf<NetworkId>);
  const refusal = endpointRefusal(network, account as AccountOf<NetworkId>, context.env);
  const endpointLine: CheckResult = refusal
    ? { name: `${network}: endpoint`, status: 'error', message: refusal.message, fix: `point ${network} at its own API in plans/networks.yaml, or have whoever owns the CI secrets allow the host in PLAN_ALLOW_API_HOSTS` }
    : { name: `${network}: endpoint`, status: 'ok', message: `calls go to ${new URL(endpoint.baseUrl).host}` };
  const missing = checks.variables.filter((variable) => !context.env[variable]?.trim());
  const present: CheckResult = missing.length
    ? { name: `${network}: credentials`, status: 'error', message: `${listNames(missing)} ${missing.length === 1 ? 'is' : 'are'} not set`, fix: `add ${listNames(missing)} as ${missing.length === 1 ? 'a repository secret' : 'repository secrets'} (Settings → Secrets and variables → Actions) and pass ${missing.length === 1 ? 'it' : 'them'} to the publish job` }
    : { name: `${network}: credentials`, status: 'ok', message: `${listNames(checks.variables)} ${checks.variables.length === 1 ? 'is' : 'are'} set` };
  // Credentials go nowhere unless both are right.
  if (refusal || missing.length) return [endpointLine, present];
  for (const variable of checks.variables) context.http.redactor.add(context.env[variable]!.trim());
  try {
    return [endpointLine, present, ...(await checks.check({ account, env: context.env, http: context.http, baseUrl: endpoint.baseUrl, now: context.now }))];
  } catch (error) {
    if (!(error instanceof CallError)) throw error;
    return [endpointLine, present, { name: `${network}: credentials accepted`, status: 'error', message: error.message }];
  }
}

/** One real file under media/, fetched at media_base_url as Facebook and Instagram will fetch it. */
export async function checkMedia(context: DoctorContext): Promise<CheckResult[]> {
  const name = 'media: reachable at media_base_url';
  const base = context.project.config.data?.media_base_url;
  const fetchers = FETCHING_NETWORKS.filter((id) => context.project.networks.data?.[id]);
  if (!base) {
    if (fetchers.length === 0) return [{ name, status: 'ok', message: 'no media_base_url, and no configured network needs one' }];
    return [{ name, status: 'error', message: `media_base_url is not set, and ${listNames(fetchers.map((id) => profileFor(id).label))} fetch images from it`, fix: 'publish the media/ folder on the practice’s website and set media_base_url in plan.config.yaml to its address' }];
  }
  const file = await firstMediaFile(path.join(context.root, 'media'));
  if (!file) return [{ name, status: 'warning', message: 'media/ holds no image or video to try', fix: 'run plan doctor again once a post has media' }];
  const url = new URL(file.split('/').map(encodeURIComponent).join('/'), base.endsWith('/') ? base : `${base}/`).href;
  const where = `media/${file} at ${url}`;
  try {
    let response = await context.http.send({ method: 'HEAD', url });
    // Some servers refuse HEAD: one byte of the file answers the same question.
    if (response.status === 405 || response.status === 501) response = await context.http.send({ method: 'GET', url, headers: { range: 'bytes=0-0' } });
    if (response.status >= 300) return [{ name, status: 'error', message: `${where} answered HTTP ${response.status}`, fix: `upload media/ to the website so that media/${file} is at ${url}, or correct media_base_url` }];
    const type = response.headers['content-type'] ?? '';
    if (/text\/html/i.test(type)) return [{ name, status: 'warning', message: `${where} answered with a web page (${type}), not the file`, fix: 'check that media_base_url points at the folder that holds the files' }];
    return [{ name, status: 'ok', message: `${where} is reachable${type ? ` (${type})` : ''}` }];
  } catch (error) {
    if (!(error instanceof CallError)) throw error;
    return [{ name, status: 'error', message: `${where} could not be fetched: ${error.message}`, fix: 'check media_base_url in plan.config.yaml and that the website is up' }];
  }
}

/** .gitattributes must merge the record's files by union, or two runs' lines conflict. */
export async function checkGitattributes(context: DoctorContext): Promise<CheckResult[]> {
  const name = '.gitattributes: record merges by union';
  let text = '';
  try {
    text = await readFile(path.join(context.root, '.gitattributes'), 'utf8');
  } catch {
    // No file: reported below like a file without the line.
  }
  if (RECORD_ATTRIBUTES.test(text)) return [{ name, status: 'ok', message: '.plan/*.jsonl merge=union is set' }];
  return [{ name, status: 'error', message: '.gitattributes does not say .plan/*.jsonl merge=union, so two publish runs can make the record conflict', fix: 'add the line ".plan/*.jsonl merge=union" to .gitattributes and commit it' }];
}

/** A remote that asks for a password fails instead of waiting for one. */
const NO_PROMPT = { env: { GIT_TERMINAL_PROMPT: '0' } };

/**
 * `plan publish --commit` keeps the record on the plan-record branch of origin: the remote must be
 * there, readable, and take a push from this checkout (a dry run: nothing is written).
 */
export async function checkRecordHome(context: DoctorContext): Promise<CheckResult[]> {
  const name = `publish record: the ${RECORD_BRANCH} branch of origin`;
  if (!gitDirOf(context.root)) {
    return [{ name, status: 'warning', message: 'this folder is not a git repository, so plan publish --commit has nowhere to keep the record', fix: 'run plan doctor in the practice repository' }];
  }
  const url = (await tryGit(context.root, ['remote', 'get-url', 'origin']))?.trim();
  if (!url) {
    return [{ name, status: 'warning', message: 'this repository has no remote called origin; the publish job keeps the record there', fix: 'add it with git remote add origin URL (CI checkouts have it already)' }];
  }
  let refs: string;
  try {
    refs = await runGit(context.root, ['ls-remote', '--heads', 'origin', RECORD_BRANCH], NO_PROMPT);
  } catch {
    return [{ name, status: 'error', message: 'origin could not be read', fix: 'check the remote address (git remote -v) and that this checkout may read it' }];
  }
  if ((await tryGit(context.root, ['rev-parse', '--verify', '--quiet', 'HEAD'])) === undefined) {
    return [{ name, status: 'warning', message: 'origin can be read, but nothing is committed here yet, so a push could not be tried', fix: 'commit the practice files, then run plan doctor again' }];
  }
  try {
    await runGit(context.root, ['push', '--dry-run', '--quiet', 'origin', `HEAD:refs/heads/${RECORD_BRANCH}-doctor`], NO_PROMPT);
  } catch {
    return [{ name, status: 'error', message: 'this checkout cannot push to origin, so a publish run could not keep its record and would send nothing', fix: 'give the publish job permission to push (permissions: contents: write in its workflow), and leave the plan-record branch unprotected' }];
  }
  return [{ name, status: 'ok', message: refs.trim() === '' ? 'origin can be pushed to; the first publish run with --commit starts the record there' : 'origin holds the record and can be pushed to' }];
}

/** The repository path (under media/) of an image, else a video, in a stable order. */
async function firstMediaFile(dir: string, prefix = ''): Promise<string | undefined> {
  let entries;
  try {
    entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return undefined;
  }
  const files = entries.filter((e) => e.isFile() && MEDIA_EXTENSIONS.test(e.name)).map((e) => `${prefix}${e.name}`);
  const image = files.find((f) => !/\.(mp4|mov)$/i.test(f));
  if (image ?? files[0]) return image ?? files[0];
  for (const entry of entries.filter((e) => e.isDirectory() && !e.name.startsWith('.'))) {
    const found = await firstMediaFile(path.join(dir, entry.name), `${prefix}${entry.name}/`);
    if (found) return found;
  }
  return undefined;
}
