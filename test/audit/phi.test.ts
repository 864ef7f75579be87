// The phi/* rules through the real command line: every identifier found where it is written, and
// none of the matched text in any output a CI log, annotation, PR comment or SARIF viewer shows.
import { afterAll, describe, expect, it } from 'vitest';
import { auditJson, makeRepo, MINIMAL_CONFIG, removeTempRepos, runPlan, STACK_FRAME } from '../helpers/repo.js';

afterAll(removeTempRepos);

const CONFIG = `${MINIMAL_CONFIG}  phones: ["844-466-7225"]
  staff: ["Dr. Priya Natarajan"]
`;

const front = (fields: string) => `---\ntitle: Clinic news\npublish_at: 2030-01-07 09:00\nnetworks: [x, facebook]\nobjective: education\n${fields}---\n`;

const FILES = {
  'content/get-well.md': `${front('')}Get well soon, Martha Kowalczyk! Call her at 614-555-0199 or email martha.k@examplemail.com.\n\nQuestions? Call us at 844-466-7225.\n`,
  'content/story.md': `${front('variants:\n  x: A patient came in yesterday with crushing chest pain. Know the signs.\n')}Heart attack signs can be subtle. Know them.\n`,
  'content/photo.md': `${front('media:\n  - file: media/kowalczyk-discharge.jpg\n    alt: Martha Kowalczyk waving goodbye on her discharge day\n')}A happy day at the clinic.\n`,
  'content/authorized.md': `${front('authorization: AUTH-2029-114\n')}"Dr. Priya Natarajan helped me walk again," says one of our patients.\n`,
  'content/general.md': `${front('')}Many patients ask about flu shots. We gave 6,105 flu shots last season. Call 844-466-7225 to book.\n`,
  'media/kowalczyk-discharge.jpg': Buffer.from('ffd8ffe000104a464946000101000001000100000000ffd9', 'hex'),
};

/** Every piece of PHI the posts hold: none may appear in any output. */
const SECRETS = ['Kowalczyk', 'Martha', '614-555-0199', 'martha.k@examplemail.com', 'crushing chest pain', 'kowalczyk-discharge'];

describe('phi/* rules in plan audit', () => {
  const repo = makeRepo(FILES, { config: CONFIG });

  it('reports each identifier at its line and column, per network for a variant, and nothing for general posts', async () => {
    const { findings, run } = await auditJson(repo);
    expect(run.code).toBe(1);
    const phi = findings.filter((f) => f.rule.startsWith('phi/')).map((f) => `${f.file}:${f.line}:${f.column} ${f.rule}${f.network ? ` [${f.network}]` : ''}`);
    expect(phi).toEqual(
      expect.arrayContaining([
        'content/get-well.md:7:16 phi/name',
        'content/get-well.md:7:46 phi/phone',
        'content/get-well.md:7:68 phi/email',
        'content/story.md:7:6 phi/patient-story [x]',
        'content/photo.md:7:27 phi/patient-photo',
        'content/photo.md:8:10 phi/name',
        'content/photo.md:8:10 phi/patient-photo',
        'content/story.md:7:24 phi/date [x]',
      ]),
    );
    expect(phi.filter((f) => f.startsWith('content/general.md') || f.startsWith('content/authorized.md'))).toEqual([]);
    // The practice's own number, in the same post as a patient's, is not PHI.
    expect(phi.filter((f) => f.startsWith('content/get-well.md:9'))).toEqual([]);
  });

  it.each([['pretty'], ['json'], ['github'], ['sarif'], ['markdown']])('prints no matched text in the %s format', async (format) => {
    const run = await runPlan(['audit', '--format', format, '--now', '2029-12-01T12:00:00Z'], { cwd: repo.root, env: { GITHUB_STEP_SUMMARY: undefined } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('phi/name');
    for (const secret of SECRETS) expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('masks the matched words on the quoted line of the pretty format', async () => {
    const run = await runPlan(['audit', 'content/get-well.md', '--now', '2029-12-01T12:00:00Z'], { cwd: repo.root });
    expect(run.stdout).toContain('Get well soon, ████████████████!');
    expect(run.stdout).toContain('Call her at ████████████ or email ████████████████████████.');
  });

  it('lets an authorization stand in for a quoted patient, and still checks the names around it', async () => {
    const { findings } = await auditJson(repo, ['content/authorized.md']);
    expect(findings.filter((f) => f.rule.startsWith('phi/'))).toEqual([]);
  });
});
