import type { ErrorCode } from "../contract/result";

/**
 * A failure the person at the screen can act on. The dispatcher turns it into
 * `{ ok: false, error: { code, message, field } }`; anything else becomes INTERNAL.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** The database file was written by a newer version of the app. */
export class NewerDatabaseError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This database was written by a newer version of Happy Head (schema ${found}; this app knows up to ${supported}). ` +
        "Install the newer version, or open a different data folder.",
    );
    this.name = "NewerDatabaseError";
  }
}
