import { readFile } from 'node:fs/promises';
import { PlanError } from '../errors.js';

/** The pull request a workflow run is for, and how to reach the API that hosts it. */
export interface PullRequestTarget {
  /** `GITHUB_API_URL` (GitHub Enterprise Server: https://HOST/api/v3), without a trailing slash. */
  apiUrl: string;
  token: string;
  owner: string;
  repo: string;
  number: number;
}

const DEFAULT_API_URL = 'https://api.github.com';

/** Reads the token, repository and pull-request number GitHub Actions provides; a clear PlanError for each one missing. */
export async function pullRequestFromEnv(env: NodeJS.ProcessEnv): Promise<PullRequestTarget> {
  const token = env.GITHUB_TOKEN?.trim();
  if (!token) {
    throw new PlanError(
      'plan review --comment needs a GitHub token in GITHUB_TOKEN. In the workflow step add "env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}", and give the job "permissions: pull-requests: write".',
    );
  }
  const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || rest.length > 0) {
    throw new PlanError('plan review --comment needs GITHUB_REPOSITORY ("owner/name"), which GitHub Actions sets: run it in a pull-request workflow');
  }
  const number = await pullRequestNumber(env.GITHUB_EVENT_PATH, env.GITHUB_EVENT_NAME);
  return { apiUrl: (env.GITHUB_API_URL?.trim() || DEFAULT_API_URL).replace(/\/+$/, ''), token, owner, repo, number };
}

interface EventPayload {
  pull_request?: { number?: unknown };
  issue?: { number?: unknown; pull_request?: unknown };
}

async function pullRequestNumber(eventPath: string | undefined, eventName: string | undefined): Promise<number> {
  const notAPullRequest = `plan review --comment comments on pull requests, but this run${eventName ? ` (a "${eventName}" event)` : ''} is not for one: run it from a workflow "on: pull_request"`;
  if (!eventPath) throw new PlanError(`${notAPullRequest} (GITHUB_EVENT_PATH is not set)`);
  let event: EventPayload;
  try {
    event = JSON.parse(await readFile(eventPath, 'utf8')) as EventPayload;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'not JSON';
    throw new PlanError(`could not read the event file in GITHUB_EVENT_PATH (${reason}), so the pull request is unknown`);
  }
  // pull_request and pull_request_target events carry pull_request; a comment on a pull request carries issue.
  const number = event?.pull_request?.number ?? (event?.issue?.pull_request ? event.issue.number : undefined);
  if (typeof number !== 'number' || !Number.isInteger(number) || number <= 0) throw new PlanError(notAPullRequest);
  return number;
}
