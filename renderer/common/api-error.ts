import type { ApiError as ApiErrorShape, ErrorCode } from "../../contract/result";

/** A refusal from the main process, with a message meant for the person at the screen. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(error: ApiErrorShape) {
    super(error.message);
    this.code = error.code;
    this.field = error.field;
  }
}
