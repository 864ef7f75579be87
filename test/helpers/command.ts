// Runs a plan command in this process, as the CLI would, with its output collected and its environment given.
import type { CommandContext } from '../../src/cli/context.js';
import { PlanError } from '../../src/errors.js';

export interface CommandRun {
  code: number;
  stdout: string;
  /** What the command wrote to standard error, and the one line the CLI prints for a PlanError. */
  stderr: string;
}

export interface ContextOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  now?: Date;
  /** Whether the outputs are a terminal (default: not, as in CI). */
  tty?: boolean;
}

/** A command context writing into strings; `env` is the whole environment the command sees. */
export function commandContext(options: ContextOptions): { context: CommandContext; output: () => { stdout: string; stderr: string } } {
  let stdout = '';
  let stderr = '';
  const tty = options.tty ?? false;
  const context: CommandContext = {
    cwd: options.cwd,
    color: false,
    version: '0.1.0',
    stdout: { write: (text) => void (stdout += text), isTTY: tty },
    stderr: { write: (text) => void (stderr += text), isTTY: tty },
    env: options.env ?? {},
    now: options.now ?? new Date(),
  };
  return { context, output: () => ({ stdout, stderr }) };
}

/** Runs `command` with a fresh context; a PlanError becomes its exit code and line, as the CLI prints it. */
export async function runCommand(options: ContextOptions, command: (context: CommandContext) => Promise<number>): Promise<CommandRun> {
  const { context, output } = commandContext(options);
  try {
    const code = await command(context);
    return { code, ...output() };
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    const { stdout, stderr } = output();
    return { code: error.exitCode, stdout, stderr: `${stderr}plan: ${error.message}\n` };
  }
}
