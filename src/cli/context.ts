/** Where a command writes: standard output or standard error, or a test's buffer. */
export interface Output {
  write(text: string): void;
  /** True when a person reads it in a terminal (colour, --reveal); false in a pipe, a file or CI. */
  readonly isTTY: boolean;
}

/** Everything a command reads from the world outside its flags. Commands return their exit code. */
export interface CommandContext {
  /** The folder the command runs in (`-C DIR`, else the working directory). */
  cwd: string;
  /** Colour is wanted (no --no-color, no NO_COLOR); a command still paints only a terminal. */
  color: boolean;
  version: string;
  stdout: Output;
  stderr: Output;
  env: NodeJS.ProcessEnv;
  /** The clock of the run, read once as it starts; `--now` replaces it where a command takes one. */
  now: Date;
}

/** Standard output and error of this process as command outputs. */
export function processOutputs(): Pick<CommandContext, 'stdout' | 'stderr'> {
  return {
    stdout: { write: (text) => process.stdout.write(text), isTTY: process.stdout.isTTY === true },
    stderr: { write: (text) => process.stderr.write(text), isTTY: process.stderr.isTTY === true },
  };
}
