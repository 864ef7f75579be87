import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { audit, auditExitCode, countFindings } from '../../audit/index.js';
import { PlanError } from '../../errors.js';
import { formatFindings, type AuditFormat } from '../../formats/index.js';
import { formatMarkdown } from '../../formats/markdown.js';
import { summaryLine } from '../../formats/types.js';
import { RULES } from '../../rules/registry.js';
import type { CommandContext } from '../context.js';
import { appendStepSummary, parseCount, parseNow } from '../options.js';

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

export async function runAuditCommand(paths: string[], flags: AuditFlags, context: CommandContext): Promise<number> {
  if (flags.reveal) refuseRevealWhereShared(flags, context);
  const maxWarnings = parseCount('--max-warnings', flags.maxWarnings);
  const result = await audit({ cwd: context.cwd, paths, ...(flags.changedSince ? { changedSince: flags.changedSince } : {}), now: parseNow(flags.now, context.now), env: context.env, cache: true });
  const shown = flags.quiet ? result.findings.filter((f) => f.severity === 'error') : result.findings;
  const report = {
    findings: shown,
    counts: countFindings(shown),
    posts: result.audited,
    sources: result.sources,
    rules: RULES.map((r) => r.meta),
    toolVersion: context.version,
  };
  const toTerminal = !flags.output && context.stdout.isTTY;
  const text = formatFindings(flags.format, report, { color: context.color && toTerminal, reveal: flags.reveal === true, notes: flags.notes === true });
  if (flags.output) {
    await writeReport(path.resolve(context.cwd, flags.output), text, flags.output);
    context.stderr.write(`${summaryLine(report.counts, report.posts)} (report written to ${flags.output})\n`);
  } else context.stdout.write(text);
  if (flags.format === 'github') await appendStepSummary(context.env, formatMarkdown(report));
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

function refuseRevealWhereShared(flags: AuditFlags, context: CommandContext): void {
  if (context.env.CI) throw new PlanError('--reveal is refused in CI: CI logs are read by many people and PHI must not reach them');
  if (flags.format !== 'pretty' || flags.output) throw new PlanError('--reveal only works with the pretty format in a terminal, never into a file or another format');
  if (!context.stdout.isTTY) throw new PlanError('--reveal only prints to a terminal, not into a pipe or file');
}
