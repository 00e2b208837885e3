import type { StaffActor } from "../model";
import type { z } from "zod";
import { DomainError } from "../errors";
import { stmt } from "../stmt";
import type { DB } from "../open";

/**
 * Parses a back-office input with the contract's own schema, so a db/ caller (tests, scripts)
 * gets the same checks and the same field-named messages as a call through the dispatcher.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join(".") || undefined;
  throw new DomainError("INVALID_INPUT", issue?.message ?? "Invalid input.", field);
}

/** SQLite's boolean columns. */
export const bit = (b: boolean): number => (b ? 1 : 0);

/**
 * The actor must still be an active manager when the change is made (inside its transaction):
 * a session opened before someone deactivated or demoted them can't keep changing things.
 */
export function assertStillManager(db: DB, actor: StaffActor): void {
  const row = stmt(db, "SELECT role, active FROM staff WHERE id = ?").get(actor.staffId) as { role: string; active: number } | undefined;
  if (!row || row.active !== 1 || row.role !== "manager") {
    throw new DomainError("FORBIDDEN", "Only an active manager can change this. Lock the screen and sign in again.");
  }
}
