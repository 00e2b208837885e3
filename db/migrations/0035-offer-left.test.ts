import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEMO_GUESTS } from "../demo/seed-demo";
import { queueItem } from "../desk/queue";
import { checkInAtKiosk } from "../kiosk/check-in";
import { leaveOffer } from "../kiosk/leave";
import { modelOf } from "../model";
import { openDatabase } from "../open";
import { appointmentIdOf, fixedClock, tempDir } from "../test/helpers";
import { demoAtVersion } from "../test/upgrade";
import { LATEST_VERSION } from "./index";

describe("0035: when a guest left the kiosk's offer", () => {
  it("upgrading a version-33 database keeps every offer as it was, none left; a guest checked in after it can leave the offer", async () => {
    const dir = tempDir();
    const file = path.join(dir, "v33.sqlite3");
    const clock = fixedClock("2026-11-25T18:07:00.000Z");
    const { db: old } = await demoAtVersion(dir, file, 33, clock);
    const offers = old.prepare("SELECT * FROM offers ORDER BY id").all();
    old.close();

    const db = openDatabase(file);
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    const now = db.prepare("SELECT * FROM offers ORDER BY id").all() as Record<string, unknown>[];
    expect(now.map(({ left_at: _left, ...rest }) => rest)).toEqual(offers);
    expect(now.every((o) => o.left_at === null)).toBe(true);

    const m = modelOf(db, clock);
    const id = appointmentIdOf(m, DEMO_GUESTS.bothFit.code);
    checkInAtKiosk(m, id, "en");
    expect(leaveOffer(m, id)).toEqual({ recorded: true });
    expect(queueItem(m, id).offer?.leftAt).toBe(clock.now().toISOString());
    db.close();
  });
});
