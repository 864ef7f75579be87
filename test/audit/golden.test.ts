import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, makeRepo, removeTempRepos, runPlan } from '../helpers/repo.js';

afterAll(removeTempRepos);

// Rewrite the golden files with UPDATE_GOLDEN=1 after a deliberate change to an output, then review the diff.
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN = fileURLToPath(new URL('../golden/', import.meta.url));
const FIXTURE = path.join(GOLDEN, 'repo');
const SARIF_SCHEMA = fileURLToPath(new URL('../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', import.meta.url));

const FORMATS = [
  ['pretty', 'audit.pretty.txt'],
  ['json', 'audit.json'],
  ['github', 'audit.github.txt'],
  ['sarif', 'audit.sarif.json'],
  ['markdown', 'audit.md'],
] as const;

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string }[] } };
    results: { ruleId: string; ruleIndex: number; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }[];
  }[];
}

function filesUnder(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const absolute = path.join(dir, name);
    const relative = prefix ? `${prefix}/${name}` : name;
    if (statSync(absolute).isDirectory()) Object.assign(files, filesUnder(absolute, relative));
    else files[relative] = readFileSync(absolute, 'utf8');
  }
  return files;
}

/** The fixture, copied to a temporary folder so that any absolute path leaking into an output shows up. */
const repo = makeRepo(filesUnder(FIXTURE), { config: null, plans: false });

async function audit(format: string) {
  const run = await runPlan(['audit', '--format', format, '--now', FIXED_NOW], { cwd: repo.root });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(1);
  return run.stdout;
}

describe('golden outputs of plan audit', () => {
  it.each(FORMATS)('%s matches test/golden/%s', async (format, file) => {
    const output = await audit(format);
    expect(output).not.toContain(repo.root);
    expect(output).not.toContain(path.basename(repo.root));
    const golden = path.join(GOLDEN, file);
    if (UPDATE) writeFileSync(golden, output);
    expect(output).toBe(readFileSync(golden, 'utf8'));
  });

  it('covers every severity, a finding for one network, and leaves the suppressed finding out', async () => {
    const report = JSON.parse(await audit('json')) as { findings: { rule: string; severity: string; network: string | null; message: string }[] };
    expect(new Set(report.findings.map((f) => f.severity))).toEqual(new Set(['error', 'warning', 'info']));
    expect(report.findings.some((f) => f.network !== null)).toBe(true);
    expect(report.findings.map((f) => f.rule)).toContain('schema/unused-suppression');
    expect(report.findings.map((f) => f.message).join('\n')).not.toContain('"newsletter"');
  });

  it('gives the same result when run in the fixture itself', async () => {
    const run = await runPlan(['-C', FIXTURE, 'audit', '--format', 'json', '--now', FIXED_NOW], { cwd: GOLDEN });
    expect(run.stdout).toBe(readFileSync(path.join(GOLDEN, 'audit.json'), 'utf8'));
  });
});

describe('--format sarif', () => {
  it('is valid SARIF 2.1.0', async () => {
    const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
    ajv.addFormat('uri', (text: string) => URL.canParse(text));
    ajv.addFormat('uri-reference', (text: string) => URL.canParse(text, 'file:///'));
    ajv.addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)));
    const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')));
    const log = JSON.parse(await audit('sarif'));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.runs[0].results.length).toBe(6);
    expect(validate({ ...log, runs: [{ results: [] }] })).toBe(false);
  });

  it('points each result at a rule of the driver and at a relative file', async () => {
    const log = JSON.parse(await audit('sarif')) as SarifLog;
    const run = log.runs[0]!;
    const ruleIds = run.tool.driver.rules.map((r) => r.id);
    const uris = run.results.map((result) => {
      expect(ruleIds[result.ruleIndex]).toBe(result.ruleId);
      const { artifactLocation } = result.locations[0]!.physicalLocation;
      expect(artifactLocation.uriBaseId).toBe('SRCROOT');
      return artifactLocation.uri;
    });
    expect(uris).toContain('content/2030/01/faq,%20part%201.md');
    expect(uris.filter((uri) => uri.startsWith('/'))).toEqual([]);
  });
});
