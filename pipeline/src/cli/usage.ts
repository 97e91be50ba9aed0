/** A mistake in how the CLI was called: printed with the command's help, exit code 64. */
export class UsageError extends Error {
  constructor(message: string, readonly help: string) {
    super(message);
  }
}
