import { connect, type Socket } from "node:net";
import type { Paper } from "../../../contract/ticket";
import { seconds, type PrinterDriver, type PrintJob, type PrintOutcome, type PrinterStatus } from "../driver";
import { renderEscPos } from "../escpos";
import { decodeStatus, STATUS_QUERIES } from "./escpos-status";

/** Raw ESC/POS over TCP ("port 9100" / JetDirect), as network thermal printers speak it. */

type Problem = "timeout" | "refused" | "unreachable" | "not-found" | "dropped";

class PrinterIoError extends Error {
  constructor(readonly problem: Problem) {
    super(problem);
  }
}

function problemOf(error: Error): Problem {
  const code = "code" in error ? error.code : undefined;
  if (code === "ECONNREFUSED") return "refused";
  if (code === "ENOTFOUND") return "not-found";
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH" || code === "ETIMEDOUT" || code === "EAI_AGAIN")
    return "unreachable";
  return "dropped";
}

/** A TCP connection that reads the printer's one-byte status answers with timeouts. */
class PrinterConnection {
  private readonly received: number[] = [];
  private failure: PrinterIoError | null = null;
  private wake: () => void = () => {};

  private constructor(private readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.received.push(...chunk);
      this.wake();
    });
    const lost = (error?: Error): void => {
      this.failure ??= new PrinterIoError(error ? problemOf(error) : "dropped");
      this.wake();
    };
    socket.on("error", lost);
    socket.on("end", () => lost());
    socket.on("close", () => lost());
  }

  static open(host: string, port: number, timeoutMs: number): Promise<PrinterConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port, noDelay: true });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new PrinterIoError("timeout"));
      }, timeoutMs);
      socket.once("connect", () => {
        clearTimeout(timer);
        socket.removeAllListeners("error");
        resolve(new PrinterConnection(socket));
      });
      socket.once("error", (error) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new PrinterIoError(problemOf(error)));
      });
    });
  }

  write(data: Uint8Array, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new PrinterIoError("timeout")), timeoutMs);
      this.socket.write(data, (error) => {
        clearTimeout(timer);
        if (error) reject(new PrinterIoError(problemOf(error)));
        else resolve();
      });
    });
  }

  /** Sends one DLE EOT request and waits for its one-byte answer. */
  async ask(query: Uint8Array, timeoutMs: number): Promise<number> {
    await this.write(query, timeoutMs);
    // Monotonic: a clock corrected back an hour meanwhile must not leave the printer's answer awaited for that hour.
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const byte = this.received.shift();
      if (byte !== undefined) return byte;
      if (this.failure) throw this.failure;
      const left = deadline - performance.now();
      if (left <= 0) throw new PrinterIoError("timeout");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  async status(timeoutMs: number): Promise<PrinterStatus> {
    const printer = await this.ask(STATUS_QUERIES.printer, timeoutMs);
    const offlineCause = await this.ask(STATUS_QUERIES.offlineCause, timeoutMs);
    const paperSensor = await this.ask(STATUS_QUERIES.paperSensor, timeoutMs);
    return decodeStatus({ printer, offlineCause, paperSensor });
  }

  /** Ends the connection politely, but never waits on a printer that keeps it open. */
  close(): void {
    this.socket.end();
    setTimeout(() => this.socket.destroy(), 1_000).unref();
  }

  destroy(): void {
    this.socket.destroy();
  }
}

export type NetworkDriverOptions = {
  host: string;
  port: number;
  paper: Paper;
  /** Limit for connecting, and separately for each write or status answer. Default 5 s. */
  timeoutMs?: number;
};

export class NetworkDriver implements PrinterDriver {
  private readonly host: string;
  private readonly port: number;
  private readonly paper: Paper;
  private readonly timeoutMs: number;

  constructor(options: NetworkDriverOptions) {
    this.host = options.host;
    this.port = options.port;
    this.paper = options.paper;
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  describe(): string {
    return `Network printer ${this.address()} (${this.paper} paper)`;
  }

  private address(): string {
    return `${this.host}:${this.port}`;
  }

  private explain(problem: Problem, whilePrinting: boolean): { transient: boolean; reason: string } {
    switch (problem) {
      case "timeout":
        return {
          transient: true,
          reason: `Printer did not answer within ${seconds(this.timeoutMs)} (${this.address()})`,
        };
      case "refused":
        return { transient: true, reason: `Printer at ${this.address()} refused the connection; is it switched on?` };
      case "unreachable":
        return { transient: true, reason: `Printer at ${this.address()} cannot be reached on the network` };
      case "not-found":
        return { transient: false, reason: `Printer address not found: ${this.host}` };
      case "dropped":
        return {
          transient: true,
          reason: whilePrinting
            ? "Connection to the printer was lost while printing; the ticket may be incomplete"
            : `Printer at ${this.address()} closed the connection`,
        };
    }
  }

  async print(job: PrintJob): Promise<PrintOutcome> {
    const bytes = renderEscPos(job.ticket, this.paper);
    let connection: PrinterConnection | null = null;
    let sending = false;
    try {
      connection = await PrinterConnection.open(this.host, this.port, this.timeoutMs);
      const before = await connection.status(this.timeoutMs);
      if (before.state !== "ready") {
        connection.close();
        return { ok: false, transient: true, reason: before.message };
      }
      sending = true;
      await connection.write(bytes, this.timeoutMs);
      // The printer answers only after it has received everything sent before the query.
      await connection.ask(STATUS_QUERIES.printer, this.timeoutMs);
      connection.close();
      return { ok: true };
    } catch (error) {
      connection?.destroy();
      if (!(error instanceof PrinterIoError)) throw error;
      return { ok: false, ...this.explain(error.problem, sending), ...(sending ? { uncertain: true } : {}) };
    }
  }

  async status(): Promise<PrinterStatus> {
    let connection: PrinterConnection | null = null;
    try {
      connection = await PrinterConnection.open(this.host, this.port, this.timeoutMs);
      const status = await connection.status(this.timeoutMs);
      connection.close();
      return status;
    } catch (error) {
      connection?.destroy();
      if (!(error instanceof PrinterIoError)) throw error;
      return { state: "offline", message: this.explain(error.problem, false).reason };
    }
  }
}
