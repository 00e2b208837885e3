import type { HqErrorCode } from "../contract/hq";

/** Each refusal's HTTP status. */
export const HTTP_STATUS: Record<HqErrorCode, number> = {
  MALFORMED_BATCH: 400,
  BATCH_TOO_LARGE: 413,
  BATCH_REPLAYED: 409,
  BATCH_CONFLICT: 409,
  UNKNOWN_SCHEMA_VERSION: 400,
  UNKNOWN_TOKEN: 401,
  REVOKED_TOKEN: 401,
  WRONG_LOCATION: 403,
  PAIRING_CODE_INVALID: 400,
  MALFORMED_REQUEST: 400,
  NOT_FOUND: 404,
  INTERNAL: 500,
};

/** A refusal the service answers with (code, message); never carries the request's content. */
export class HqRefusal extends Error {
  constructor(
    readonly code: HqErrorCode,
    message: string,
  ) {
    super(message);
  }
}
