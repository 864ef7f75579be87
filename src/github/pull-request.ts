import { readFile } from 'node:fs/promises';
import { PlanError } from '../errors.js';
import { repositoryFromEnv } from './repository.js';
import type { ThreadTarget } from './comments.js';

/** The pull request a workflow run is for, and how to reach the API that hosts it. */
export type PullRequestTarget = ThreadTarget;

/** Reads the token, repository and pull-request number GitHub Actions provides; a clear PlanError for each one missing. */
export async function pullRequestFromEnv(env: NodeJS.ProcessEnv): Promise<PullRequestTarget> {
  const found = repositoryFromEnv(env);
  if (!found.found && found.missing.includes('GITHUB_TOKEN')) {
    throw new PlanError(
      'plan review --comment needs a GitHub token in GITHUB_TOKEN. In the workflow step add "env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}", and give the job "permissions: pull-requests: write".',
    );
  }
  if (!found.found) throw new PlanError('plan review --comment needs GITHUB_REPOSITORY ("owner/name"), which GitHub Actions sets: run it in a pull-request workflow');
  const number = await pullRequestNumber(env.GITHUB_EVENT_PATH, env.GITHUB_EVENT_NAME);
  return { ...found.repository, number };
}

/** The number of the pull request the run's event is about, or undefined when it is about none (or there is no event). */
export async function pullRequestOfEvent(env: NodeJS.ProcessEnv): Promise<number | undefined> {
  if (!env.GITHUB_EVENT_PATH) return undefined;
  try {
    return numberOf(await readEvent(env.GITHUB_EVENT_PATH));
  } catch {
    return undefined;
  }
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
    event = await readEvent(eventPath);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'not JSON';
    throw new PlanError(`could not read the event file in GITHUB_EVENT_PATH (${reason}), so the pull request is unknown`);
  }
  const number = numberOf(event);
  if (number === undefined) throw new PlanError(notAPullRequest);
  return number;
}

async function readEvent(eventPath: string): Promise<EventPayload> {
  return JSON.parse(await readFile(eventPath, 'utf8')) as EventPayload;
}

// pull_request, pull_request_target and pull_request_review events carry pull_request; a comment on a pull request carries issue.
function numberOf(event: EventPayload): number | undefined {
  const number = event?.pull_request?.number ?? (event?.issue?.pull_request ? event.issue.number : undefined);
  return typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : undefined;
}
