import { z } from "zod";

/**
 * Who may call a channel. Authorization is decided in the main process from this and the
 * caller's window session, never from anything the renderer sends.
 * - "any":     any window of ours (app info)
 * - "kiosk":   the guest-facing kiosk window only
 * - "staff":   the staff window, before or after PIN login (PIN pad)
 * - "desk":    a signed-in receptionist or manager in the staff window
 * - "manager": a signed-in manager in the staff window
 */
export type Access = "any" | "kiosk" | "staff" | "desk" | "manager";

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  access: Access;
  input: I;
  output: O;
}

export const channel = <I extends z.ZodType, O extends z.ZodType>(access: Access, input: I, output: O) =>
  ({ access, input, output }) satisfies ChannelSpec<I, O>;

/** Input of a channel that takes nothing (unknown keys are refused). */
export const none = z.strictObject({});
