import { createServer, type AddressInfo, type Server, type Socket } from "node:net";

/** Test helper (not shipped): a network thermal printer on loopback. */

export const LOOPBACK = "127.0.0.1";
const OK = 0x12;
const CUT = [0x1d, 0x56, 0x00];

export type Behaviour =
  | { kind: "healthy" }
  | { kind: "offline" }
  | { kind: "paper-out" }
  | { kind: "cover-open" }
  | { kind: "silent" }
  | { kind: "drop-after"; bytes: number }
  | { kind: "stall-after"; bytes: number; onStall(job: StalledJob): void };

/**
 * A ticket the printer stopped taking part-way ("stall-after"): it took `received` bytes of the
 * job, then stopped reading its socket, so the rest stays in flight (socket buffers) and the
 * sender waits for the printer's answer after the job. The printer answers nothing meanwhile.
 */
export interface StalledJob {
  /** Job bytes the printer took off this connection (status requests not counted). */
  readonly received: number;
  /** Reads on: what is still in flight comes in, and the ticket counts as printed if it reaches the cut. */
  resume(): void;
  /** Hangs up without reading on: the ticket stays incomplete. */
  hangUp(): void;
}

/** A ticket that came out of the printer: complete (it reached the paper cut). */
export interface PrintedTicket {
  jobId: number | null;
  reprint: boolean;
  bytes: Uint8Array;
}

/**
 * A fake network thermal printer: answers DLE EOT status requests as its behaviour dictates
 * (or stays silent, hangs up mid-job, or stops reading mid-job) and records every byte of job
 * data. Each connection carries one ticket; when it closes, a ticket that reached the paper cut
 * counts as printed (its "Print job N" line and REPRINT banner are read), anything shorter as
 * incomplete.
 * `behaviour` may be changed at any time, or chosen per connection by `behaviourFor`.
 */
export class FakeThermalPrinter {
  /** Bytes received other than DLE EOT status requests: the jobs themselves. */
  readonly received: number[] = [];
  readonly tickets: PrintedTicket[] = [];
  /** Tickets that started but never reached the cut (connection lost). */
  incomplete = 0;
  connections = 0;
  port = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(
    public behaviour: Behaviour,
    private readonly options: { behaviourFor?: (connection: number) => Behaviour; answerDelayMs?: () => number } = {},
  ) {
    this.server = createServer((socket) => this.serve(socket));
  }

  async start(port = 0): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(port, LOOPBACK, resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  /** Resolves once every connection has closed, so every ticket sent has been counted. */
  async settled(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.sockets.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(behaviour: Behaviour, n: number): number {
    switch (behaviour.kind) {
      case "paper-out":
        return n === 1 ? OK | 0x08 : n === 2 ? OK | 0x20 : OK | 0x60;
      case "cover-open":
        return n === 1 ? OK | 0x08 : n === 2 ? OK | 0x04 : OK;
      case "offline":
        return n === 1 ? OK | 0x08 : OK;
      default:
        return OK;
    }
  }

  private serve(socket: Socket): void {
    const behaviour = this.options.behaviourFor?.(this.connections) ?? this.behaviour;
    this.connections += 1;
    this.sockets.add(socket);
    socket.on("error", () => {});
    let pending: number[] = [];
    const job: number[] = [];
    let jobLength = 0;
    // One connection carries one ticket: it came out whole if it reached the paper cut.
    socket.on("close", () => {
      this.sockets.delete(socket);
      if (job.length === 0) return;
      if (containsCut(job)) this.tickets.push(readTicket(job));
      else this.incomplete += 1;
    });
    let stalled = false;
    let stalledOnce = false;
    const stall = (onStall: (job: StalledJob) => void): void => {
      stalled = true;
      stalledOnce = true;
      // Stop reading: what arrived but was not taken goes back to the socket, ahead of any end of
      // the connection, exactly as if it had never been read.
      socket.pause();
      socket.unshift(Buffer.from(pending));
      pending = [];
      onStall({
        received: jobLength,
        resume: () => {
          stalled = false;
          socket.resume();
        },
        hangUp: () => socket.destroy(),
      });
    };
    const take = (): void => {
      while (pending.length > 0 && !stalled) {
        if (pending[0] === 0x10 && pending[1] === 0x04 && pending[2] !== undefined) {
          const reply = Uint8Array.of(this.answer(behaviour, pending[2]));
          pending = pending.slice(3);
          if (behaviour.kind === "silent") continue;
          const delay = this.options.answerDelayMs?.() ?? 0;
          if (delay > 0) setTimeout(() => socket.writable && socket.write(reply), delay);
          else socket.write(reply);
          continue;
        }
        if (pending[0] === 0x10 && pending.length < 3) return;
        if (behaviour.kind === "stall-after" && !stalledOnce && jobLength === behaviour.bytes)
          return stall(behaviour.onStall);
        const byte = pending.shift();
        if (byte === undefined) return;
        this.received.push(byte);
        job.push(byte);
        jobLength += 1;
        if (behaviour.kind === "drop-after" && jobLength >= behaviour.bytes) {
          socket.destroy();
          return;
        }
      }
    };
    socket.on("data", (chunk: Buffer) => {
      pending.push(...chunk);
      take();
    });
  }
}

function containsCut(bytes: readonly number[]): boolean {
  for (let i = 0; i + 2 < bytes.length; i++)
    if (bytes[i] === CUT[0] && bytes[i + 1] === CUT[1] && bytes[i + 2] === CUT[2]) return true;
  return false;
}

function readTicket(bytes: number[]): PrintedTicket {
  const text = Buffer.from(bytes).toString("latin1");
  const id = /Print job (\d+)/.exec(text)?.[1];
  return {
    jobId: id === undefined ? null : Number(id),
    reprint: text.includes("*** REPRINT ***"),
    bytes: Uint8Array.from(bytes),
  };
}

/** A loopback port with nothing listening: bind, note the port, close. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
