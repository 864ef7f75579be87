import type { CheckResult } from '../publishing/doctor.js';

const MARK = { ok: 'ok     ', warning: 'warning', error: 'ERROR  ' } as const;

/** `plan doctor` as JSON: `{version, ok, checks: [{name, status, message, fix?}]}`. */
export function formatDoctorJson(results: readonly CheckResult[]): string {
  return `${JSON.stringify({ version: 1, ok: !results.some((r) => r.status === 'error'), checks: results }, null, 2)}\n`;
}

/** `plan doctor` as a table a person reads: one line per check, what to do under each that is not ok, and a verdict. */
export function formatDoctorTable(results: readonly CheckResult[]): string {
  const width = Math.max(0, ...results.map((r) => r.name.length));
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${MARK[result.status]}  ${result.name.padEnd(width)}  ${result.message}`);
    if (result.fix && result.status !== 'ok') lines.push(`${' '.repeat(9 + width + 2)}→ ${result.fix}`);
  }
  const errors = results.filter((r) => r.status === 'error').length;
  const warnings = results.filter((r) => r.status === 'warning').length;
  const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  lines.push('');
  lines.push(errors ? `${count(errors, 'problem')} to fix before publishing works${warnings ? `, ${count(warnings, 'warning')}` : ''}` : warnings ? `ready to publish, with ${count(warnings, 'warning')}` : 'ready to publish');
  return `${lines.join('\n')}\n`;
}
