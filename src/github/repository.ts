import type { GithubRepository } from './client.js';

const DEFAULT_API_URL = 'https://api.github.com';

/** The repository a GitHub Actions run is for, or which of its variables are missing. */
export type RepositoryFromEnv = { found: true; repository: GithubRepository } | { found: false; missing: string[] };

/** Reads `GITHUB_TOKEN`, `GITHUB_REPOSITORY` ("owner/name") and `GITHUB_API_URL` (GitHub.com when unset), as GitHub Actions sets them. */
export function repositoryFromEnv(env: NodeJS.ProcessEnv): RepositoryFromEnv {
  const token = env.GITHUB_TOKEN?.trim();
  const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? '').trim().split('/');
  const missing = [...(token ? [] : ['GITHUB_TOKEN']), ...(owner && repo && rest.length === 0 ? [] : ['GITHUB_REPOSITORY'])];
  if (missing.length > 0) return { found: false, missing };
  return { found: true, repository: { apiUrl: apiUrlOf(env), token: token!, owner: owner!, repo: repo! } };
}

export function apiUrlOf(env: NodeJS.ProcessEnv): string {
  return (env.GITHUB_API_URL?.trim() || DEFAULT_API_URL).replace(/\/+$/, '');
}

/** The web address of the GitHub server (`GITHUB_SERVER_URL`), for links people open. */
export function serverUrlOf(env: NodeJS.ProcessEnv): string {
  return (env.GITHUB_SERVER_URL?.trim() || 'https://github.com').replace(/\/+$/, '');
}
