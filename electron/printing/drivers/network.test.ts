import { afterEach, describe, expect, it, vi } from "vitest";
import { renderEscPos } from "../escpos";
import {
  closedPort,
  FakeThermalPrinter,
  LOOPBACK,
  type Behaviour,
  type StalledJob,
} from "../../test-support/fake-printer";
import { sampleTicket } from "../../test-support/fixtures";
import { NetworkDriver } from "./network";

const HOST = LOOPBACK;

const printers: FakeThermalPrinter[] = [];
async function fakePrinter(behaviour: Behaviour): Promise<{ printer: FakeThermalPrinter; driver: NetworkDriver }> {
  const printer = new FakeThermalPrinter(behaviour);
  printers.push(printer);
  const port = await printer.start();
  return { printer, driver: new NetworkDriver({ host: HOST, port, paper: "58mm", timeoutMs: 300 }) };
}
afterEach(async () => {
  await Promise.all(printers.splice(0).map((p) => p.stop()));
});

const job = { jobId: 1007, ticket: sampleTicket() };

describe("NetworkDriver", () => {
  it("checks status, then sends the ESC/POS ticket", async () => {
    const { printer, driver } = await fakePrinter({ kind: "healthy" });
    expect(await driver.print(job)).toEqual({ ok: true });
    expect(Buffer.from(printer.received).equals(Buffer.from(renderEscPos(job.ticket, "58mm")))).toBe(true);
  });

  it("reports a ready printer", async () => {
    const { driver } = await fakePrinter({ kind: "healthy" });
    expect(await driver.status()).toEqual({ state: "ready", message: "Printer is ready" });
  });

  it("does not send the ticket to a printer that is out of paper", async () => {
    const { printer, driver } = await fakePrinter({ kind: "paper-out" });
    expect(await driver.print(job)).toEqual({ ok: false, transient: true, reason: "Printer is out of paper" });
    expect(printer.received).toHaveLength(0);
    expect(await driver.status()).toEqual({ state: "paper-out", message: "Printer is out of paper" });
  });

  it("does not send the ticket while the cover is open", async () => {
    const { driver } = await fakePrinter({ kind: "cover-open" });
    expect(await driver.print(job)).toEqual({ ok: false, transient: true, reason: "Printer cover is open" });
  });

  it("gives up on a printer that does not answer", async () => {
    const { printer, driver } = await fakePrinter({ kind: "silent" });
    const outcome = await driver.print(job);
    expect(outcome).toMatchObject({ ok: false, transient: true });
    if (!outcome.ok) expect(outcome.reason).toBe(`Printer did not answer within 0.3 s (${HOST}:${printer.port})`);
    expect(printer.received).toHaveLength(0);
    expect((await driver.status()).state).toBe("offline");
  });

  it("gives up on time though the machine's clock is corrected back an hour while it waits", async () => {
    const { driver } = await fakePrinter({ kind: "silent" });
    const real = Date.now.bind(Date);
    let calls = 0;
    const stepped = vi.spyOn(Date, "now").mockImplementation(() => real() - (++calls > 1 ? 3_600_000 : 0));
    const started = performance.now();
    const outcome = await driver.print(job);
    stepped.mockRestore();
    expect(outcome).toMatchObject({ ok: false, transient: true });
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("reports a printer that is not listening", async () => {
    const port = await closedPort();
    const driver = new NetworkDriver({ host: HOST, port, paper: "80mm", timeoutMs: 300 });
    expect(await driver.print(job)).toEqual({
      ok: false,
      transient: true,
      reason: `Printer at ${HOST}:${port} refused the connection; is it switched on?`,
    });
    expect(await driver.status()).toMatchObject({ state: "offline" });
  });

  it("fails transiently when the connection drops mid-job", async () => {
    const { printer, driver } = await fakePrinter({ kind: "drop-after", bytes: 40 });
    expect(await driver.print(job)).toEqual({
      ok: false,
      transient: true,
      reason: "Connection to the printer was lost while printing; the ticket may be incomplete",
      uncertain: true,
    });
    expect(printer.received.length).toBe(40);
  });

  it("marks the ticket uncertain when the printer stops taking it part-way; the bytes in flight still arrive", async () => {
    const stalls: StalledJob[] = [];
    const { printer, driver } = await fakePrinter({
      kind: "stall-after",
      bytes: 100,
      onStall: (stalled) => stalls.push(stalled),
    });
    expect(await driver.print(job)).toEqual({
      ok: false,
      transient: true,
      reason: `Printer did not answer within 0.3 s (${HOST}:${printer.port})`,
      uncertain: true,
    });
    expect(stalls.map((s) => s.received)).toEqual([100]);
    expect(printer.received).toHaveLength(100);
    stalls[0]?.resume();
    await printer.settled();
    expect(
      printer.tickets.map((t) => Buffer.from(t.bytes).equals(Buffer.from(renderEscPos(job.ticket, "58mm")))),
    ).toEqual([true]);
  });

  it("describes the printer's address", () => {
    expect(new NetworkDriver({ host: "10.0.0.7", port: 9100, paper: "80mm" }).describe()).toBe(
      "Network printer 10.0.0.7:9100 (80mm paper)",
    );
  });
});
