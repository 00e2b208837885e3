import type { StaffActor, ReadModel } from "../model";
import { DomainError } from "../errors";
import { stmt } from "../stmt";

/** SQLite's boolean columns. */
export const bit = (b: boolean): number => (b ? 1 : 0);

/**
 * The actor must still be an active manager when the change is made (inside its transaction):
 * a session opened before someone deactivated or demoted them can't keep changing things.
 */
export function assertStillManager(m: ReadModel, actor: StaffActor): void {
  const { db } = m;
  const row = stmt(db, "SELECT role, active FROM staff WHERE id = ?").get(actor.staffId) as
    { role: string; active: number } | undefined;
  if (!row || row.active !== 1 || row.role !== "manager") {
    throw new DomainError("FORBIDDEN", "Only an active manager can change this. Lock the screen and sign in again.");
  }
}
