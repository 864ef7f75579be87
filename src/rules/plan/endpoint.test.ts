import { afterAll, describe, expect, it } from 'vitest';
import { makeRepo, removeTempRepos } from '../../../test/helpers/repo.js';
import { DEFAULT_FILES, post } from '../../../test/helpers/rules.js';
import { loadRepository } from '../../loading/repository.js';
import { runRules } from '../engine.js';
import { endpoint } from './endpoint.js';

afterAll(removeTempRepos);

const POST = post('title: A\npublish_at: 2026-12-01 09:00\nnetworks: [x]\nobjective: education');

/** Runs plan/endpoint with plans/networks.yaml as given, in a run whose environment is `env`. */
async function findingsFor(networks: string, env: NodeJS.ProcessEnv = {}) {
  const repo = makeRepo({ ...DEFAULT_FILES, 'plans/networks.yaml': networks, 'content/a.md': POST });
  const { project, posts, record } = await loadRepository(repo.root);
  return runRules({ project, posts, record, rules: [endpoint], env, now: new Date('2026-11-01T12:00:00Z') }).findings;
}

describe('plan/endpoint', () => {
  it('reports an api_url on a host that is not the network\'s own, at its line, saying how to allow it', async () => {
    const findings = await findingsFor('x: { account: "@a" }\nlinkedin:\n  organization: "urn:li:organization:1"\n  api_url: https://li-gateway.example.net/\n');
    expect(findings.map((f) => [f.rule, f.severity, f.file, f.network, f.line, f.column])).toEqual([['plan/endpoint', 'error', 'plans/networks.yaml', 'linkedin', 4, 12]]);
    expect(findings[0]!.message).toBe(
      "plan publish would not publish to this LinkedIn account: li-gateway.example.net is not LinkedIn's own API host, so plan will not send the account's credentials there " +
        "unless the CI environment allows it (PLAN_ALLOW_API_HOSTS=li-gateway.example.net, set by whoever owns the CI secrets); without api_url, plan uses LinkedIn's own API",
    );
  });

  it('is silent when the run\'s environment allows the host, and for the networks\' own hosts and test servers on this machine', async () => {
    const networks = 'x: { account: "@a", api_url: https://api.x.com }\nlinkedin: { organization: "urn:li:organization:1", api_url: https://li-gateway.example.net }\nfacebook: { page_id: "1", api_url: http://127.0.0.1:8080 }\n';
    expect(await findingsFor(networks, { PLAN_ALLOW_API_HOSTS: 'other.example.org, LI-GATEWAY.example.net' })).toEqual([]);
    expect((await findingsFor(networks)).map((f) => f.network)).toEqual(['linkedin']);
  });

  it('reports a Mastodon instance or a Bluesky service over plain http, on that line', async () => {
    const networks = 'mastodon:\n  instance: http://social.example.org\nbluesky:\n  handle: a.bsky.social\n  service: http://pds.example.org\n';
    const findings = await findingsFor(networks);
    expect(findings.map((f) => [f.network, f.line, f.message.split(': ').slice(1, 2).join('')])).toEqual([
      ['mastodon', 2, 'http://social.example.org is not encrypted'],
      ['bluesky', 5, 'http://pds.example.org is not encrypted'],
    ]);
    expect(findings.every((f) => !f.message.includes('without api_url'))).toBe(true);
  });

  it('reports a password written into the address without repeating it', async () => {
    const findings = await findingsFor('x: { account: "@a", api_url: "https://me:hunter2@api.x.com" }\n');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('carries a user name or password');
    expect(findings[0]!.message).not.toContain('hunter2');
  });
});
