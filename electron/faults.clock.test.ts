import { afterEach, describe, expect, it } from "vitest";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { tempDir } from "../db/test/helpers";
import { clock, cores, closeCoresAfterEach, call } from "./test-support/fault-core";
import { createAppCore } from "./core";

closeCoresAfterEach();

describe("the wall clock stepped back", () => {
  afterEach(() => clock.set("2026-11-25T15:07:00.000Z"));

  it("an hour back does not stretch a staff session's idle lock: it runs on elapsed (monotonic) time", async () => {
    let mono = 1_000;
    const core = await createAppCore({ dataDir: tempDir(), seed: "demo", clock, monotonicMs: () => mono });
    cores.push(core);
    const s = core.newSession("staff");
    const list = (await call<{ staff: { id: number; name: string }[] }>(core, s, "staff.list")) as {
      ok: true;
      value: { staff: { id: number; name: string }[] };
    };
    const id = list.value.staff.find((x) => x.name === DEMO_STAFF[0].name)!.id;
    expect((await core.dispatch(s, "staff.login", { staffId: id, pin: DEMO_STAFF[0].pin }, "person")).ok).toBe(true);
    clock.advance(-60);
    mono += 121_000; // the demo's staff idle time (120 s) has passed, whatever the wall clock says
    expect(await core.dispatch(s, "desk.queue", {}, "person")).toMatchObject({
      ok: false,
      error: { code: "NOT_AUTHENTICATED" },
    });
  });
});
