import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { renderEscPos } from "../escpos";
import { sampleTicket } from "../fixtures";
import { NetworkDriver } from "./network";

const HOST = "127.0.0.1";
const OK = 0x12;

type Behaviour =
  | { kind: "healthy" }
  | { kind: "paper-out" }
  | { kind: "cover-open" }
  | { kind: "silent" }
  | { kind: "drop-after"; bytes: number };

/**
 * A fake network thermal printer on loopback: records what it receives, answers DLE EOT
 * status requests as its behaviour dictates, or stays silent, or hangs up mid-job.
 */
class FakeThermalPrinter {
  /** Bytes received other than DLE EOT status requests: the job itself. */
  readonly received: number[] = [];
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(public behaviour: Behaviour) {
    this.server = createServer((socket) => this.serve(socket));
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, HOST, resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(n: number): number {
    switch (this.behaviour.kind) {
      case "paper-out":
        return n === 1 ? OK | 0x08 : n === 2 ? OK | 0x20 : OK | 0x60;
      case "cover-open":
        return n === 1 ? OK | 0x08 : n === 2 ? OK | 0x04 : OK;
      default:
        return OK;
    }
  }

  private serve(socket: Socket): void {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => {});
    let pending: number[] = [];
    let jobLength = 0;
    socket.on("data", (chunk: Buffer) => {
      pending.push(...chunk);
      while (pending.length > 0) {
        if (pending[0] === 0x10 && pending[1] === 0x04 && pending[2] !== undefined) {
          const n = pending[2];
          pending = pending.slice(3);
          if (this.behaviour.kind !== "silent") socket.write(Uint8Array.of(this.answer(n)));
          continue;
        }
        if (pending[0] === 0x10 && pending.length < 3) return;
        const byte = pending.shift();
        if (byte === undefined) return;
        this.received.push(byte);
        jobLength += 1;
        if (this.behaviour.kind === "drop-after" && jobLength >= this.behaviour.bytes) {
          socket.destroy();
          return;
        }
      }
    });
  }
}

/** A loopback port with nothing listening: bind, note the port, close. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, HOST, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

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
    });
    expect(printer.received.length).toBe(40);
  });

  it("describes the printer's address", () => {
    expect(new NetworkDriver({ host: "10.0.0.7", port: 9100, paper: "80mm" }).describe()).toBe("Network printer 10.0.0.7:9100 (80mm paper)");
  });
});
