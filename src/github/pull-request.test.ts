import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pullRequestFromEnv } from './pull-request.js';

const dir = mkdtempSync(path.join(tmpdir(), 'plan-github-event-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function event(payload: unknown): string {
  const file = path.join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof payload === 'string' ? payload : JSON.stringify(payload));
  return file;
}

const env = (extra: Record<string, string | undefined>) => ({ GITHUB_TOKEN: 't0ken', GITHUB_REPOSITORY: 'o/r', ...extra });

describe('pullRequestFromEnv', () => {
  it('reads the pull request of a pull_request event, and GitHub.com by default', async () => {
    const target = await pullRequestFromEnv(env({ GITHUB_EVENT_PATH: event({ pull_request: { number: 12 } }) }));
    expect(target).toEqual({ apiUrl: 'https://api.github.com', token: 't0ken', owner: 'o', repo: 'r', number: 12 });
  });

  it('reads the pull request of a comment on it, and an Enterprise Server API URL', async () => {
    const target = await pullRequestFromEnv(env({ GITHUB_EVENT_PATH: event({ issue: { number: 5, pull_request: { url: 'x' } } }), GITHUB_API_URL: 'https://git.example.com/api/v3/' }));
    expect(target).toMatchObject({ apiUrl: 'https://git.example.com/api/v3', number: 5 });
  });

  it.each([
    ['no repository', env({ GITHUB_REPOSITORY: undefined, GITHUB_EVENT_PATH: event({ pull_request: { number: 1 } }) }), /needs GITHUB_REPOSITORY/],
    ['an issue that is not a pull request', env({ GITHUB_EVENT_PATH: event({ issue: { number: 3 } }) }), /is not for one/],
    ['no event file', env({}), /GITHUB_EVENT_PATH is not set/],
    ['an unreadable event file', env({ GITHUB_EVENT_PATH: event('{not json') }), /could not read the event file in GITHUB_EVENT_PATH \(not JSON\)/],
  ])('refuses %s with a clear message', async (_, given, message) => {
    await expect(pullRequestFromEnv(given)).rejects.toThrow(message);
  });
});
