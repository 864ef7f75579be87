export type CallErrorKind =
  /** Missing or rejected credentials: every call to that service would fail the same way. */
  | 'credentials'
  /** Refused for good (a 4xx): retrying would fail the same way. */
  | 'final'
  /** Nothing was created (a connection refused, a media upload that failed): safe to try again. */
  | 'retryable'
  /** Wait `waitMs`, then try again. */
  | 'rate-limited'
  /** A call that creates something may have succeeded: never retried blind (publishing settles it with `findExisting`). */
  | 'ambiguous';

/** A failed call to a network or GitHub, whose message is safe to print: no token, no signature, no PHI. */
export class CallError extends Error {
  constructor(
    readonly kind: CallErrorKind,
    message: string,
    readonly waitMs?: number,
  ) {
    super(message);
    this.name = 'CallError';
  }
}
