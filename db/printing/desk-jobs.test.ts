import { describe, expect, it } from "vitest";
import { queueItem } from "../desk/queue";
import { confirmAddons } from "../desk/addons";
import { latestTicket } from "./tickets";
import { reprintLatestTicket } from "./desk-jobs";
import { appointmentHistory } from "../desk/history";
import { riley, checkedInWithFace } from "../test/desk";

describe("the desk's Reprint", () => {
  it("Reprint copies the newest ticket with a REPRINT kind and a new print job", async () => {
    const { m, id } = await checkedInWithFace();
    expect(() => reprintLatestTicket(m, riley, id)).toThrow(/No ticket has been made/);
    confirmAddons(m, riley, id);
    reprintLatestTicket(m, riley, id);
    expect(queueItem(m, id).ticket?.kind).toBe("reprint");
    expect(latestTicket(m, id)?.addons.map((a) => a.code)).toEqual(["face"]);
    expect(appointmentHistory(m, id).map((h) => h.action)).toContain("ticket.reprint");
  });
});
