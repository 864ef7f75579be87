/** A problem the user must fix before the command can run: printed as one clear line, exit code 2. */
export class PlanError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'PlanError';
  }
}
