// The errors the action tells the user about, as classes told apart with `instanceof`, and the one
// function that turns any error into the message the user reads. Each message says what happened,
// to what, and what to do.

/** An error whose message is written for the person reading the run. */
export class ActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** What went wrong with the Cursor API: the kind tells the caller, the message the user. */
export type CursorErrorKind = 'unauthorized' | 'forbidden' | 'too-old' | 'refused' | 'exhausted' | 'incomplete' | 'cancelled';

/** The Cursor API refused a request, kept failing, served an incomplete window, or the run was cancelled. */
export class CursorApiError extends ActionError {
  readonly kind: CursorErrorKind;
  /** The HTTP status of the answer, when there was one. */
  readonly status: number | undefined;
  constructor(kind: CursorErrorKind, message: string, status?: number) {
    super(message);
    this.kind = kind;
    this.status = status;
  }
}

/** An entry under `path` that is not a plain file or folder (a symbolic link, a submodule, …). */
export class NotAPlainFileError extends ActionError {}

/** A repository rule (or branch protection) refused the update of a branch. */
export class RuleViolationError extends ActionError {}

/** GitHub answered an error to a request of the branch or pull-request destination. */
export class GitHubError extends ActionError {
  readonly status: number | undefined;
  constructor(message: string, status: number | undefined) {
    super(message);
    this.status = status;
  }
}

/** The artifact upload failed. */
export class ArtifactError extends ActionError {}

/** The cache service did not accept the checkpoint (its key was taken). */
export class CacheSaveRefusedError extends ActionError {}

/**
 * The message a user reads for any error: an ActionError's own message; for another library's
 * error its name too when it has one of its own (`ReserveCacheError: …`), since the message alone
 * may not say where it came from.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ActionError) return error.message;
  const e = error as { name?: unknown; message?: unknown } | null | undefined;
  if (e && typeof e.message === 'string') return typeof e.name === 'string' && e.name !== 'Error' && e.name !== '' ? `${e.name}: ${e.message}` : e.message;
  return String(error);
}
