import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { audit, auditExitCode, countFindings } from '../../audit/index.js';
import { PlanError } from '../../errors.js';
import { formatFindings, type AuditFormat } from '../../formats/index.js';
import { formatMarkdown } from '../../formats/markdown.js';
import { summaryLine } from '../../formats/types.js';
import { RULES } from '../../rules/registry.js';
import type { GlobalOptions } from '../index.js';
import { parseCount, parseNow } from './options.js';

interface AuditFlags {
  changedSince?: string;
  format: AuditFormat;
  output?: string;
  maxWarnings?: string;
  quiet?: boolean;
  notes?: boolean;
  now?: string;
  reveal?: boolean;
}

export async function runAuditCommand(paths: string[], flags: AuditFlags, globals: GlobalOptions): Promise<number> {
  if (flags.reveal) refuseRevealWhereShared(flags);
  const maxWarnings = parseCount('--max-warnings', flags.maxWarnings);
  const result = await audit({ cwd: globals.cwd, paths, changedSince: flags.changedSince, now: parseNow(flags.now), cache: true });
  const shown = flags.quiet ? result.findings.filter((f) => f.severity === 'error') : result.findings;
  const report = {
    findings: shown,
    counts: countFindings(shown),
    posts: result.audited,
    sources: result.sources,
    rules: RULES.map((r) => r.meta),
    toolVersion: globals.version,
  };
  const toTerminal = !flags.output && process.stdout.isTTY === true;
  const text = formatFindings(flags.format, report, { color: globals.color && toTerminal, reveal: flags.reveal === true, notes: flags.notes === true });
  if (flags.output) {
    await writeReport(path.resolve(globals.cwd, flags.output), text, flags.output);
    process.stderr.write(`${summaryLine(report.counts, report.posts)} (report written to ${flags.output})\n`);
  } else process.stdout.write(text);
  if (flags.format === 'github' && process.env.GITHUB_STEP_SUMMARY) await appendFile(process.env.GITHUB_STEP_SUMMARY, formatMarkdown(report));
  return auditExitCode(result.findings, maxWarnings);
}

async function writeReport(file: string, text: string, given: string): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  } catch (error) {
    throw new PlanError(`--output ${given}: could not write the report (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function refuseRevealWhereShared(flags: AuditFlags): void {
  if (process.env.CI) throw new PlanError('--reveal is refused in CI: CI logs are read by many people and PHI must not reach them');
  if (flags.format !== 'pretty' || flags.output) throw new PlanError('--reveal only works with the pretty format in a terminal, never into a file or another format');
  if (!process.stdout.isTTY) throw new PlanError('--reveal only prints to a terminal, not into a pipe or file');
}
