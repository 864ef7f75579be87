import { httpClientFor } from '../../http/client.js';
import { findRoot, loadProject } from '../../loading/project.js';
import { DEFAULT_CHECKS, doctorExitCode, runDoctor } from '../../publishing/doctor.js';
import { formatDoctorJson, formatDoctorTable } from '../../formats/doctor.js';
import type { CommandContext } from '../context.js';

/** Checks the set-up without publishing: exit 1 when something must be fixed. */
export async function runDoctorCommand(flags: { format: 'table' | 'json' }, context: CommandContext): Promise<number> {
  const root = await findRoot(context.cwd);
  const project = await loadProject(root);
  const results = await runDoctor({ root, project, env: context.env, http: httpClientFor(context.env), now: context.now }, DEFAULT_CHECKS);
  context.stdout.write(flags.format === 'json' ? formatDoctorJson(results) : formatDoctorTable(results));
  return doctorExitCode(results);
}
