import { connect } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "./server";
import { freshDatabase, pgUnavailable, type TestDatabase } from "./test/pg";

const skip = await pgUnavailable();

describe.skipIf(skip !== null)("head office when its connections or clients fail", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("a connection PostgreSQL ends in the middle of a request fails that request and takes nothing else down", async () => {
    const client = await db.pool.connect();
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    // Its failure is taken at once: it comes while the other connection is still closing.
    const slow = client.query("SELECT pg_sleep(5)").then(
      () => null,
      (error: unknown) => error,
    );
    // What a PostgreSQL restart or failover does to every connection (57P01): here to the one a request is using.
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend($1)", [rows[0]?.pid]);
    await admin.end();
    expect(await slow).toMatchObject({ code: "57P01" });
    client.release(true);
    // And one borrowed between two of a request's statements (a transaction's JavaScript running): the loss has no
    // query to fail, and came as an 'error' event nothing listened to, which ended the process.
    const between = await db.pool.connect();
    const { rows: again } = await between.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const admin2 = new pg.Client({ connectionString: db.url });
    await admin2.connect();
    await admin2.query("SELECT pg_terminate_backend($1)", [again[0]?.pid]);
    await admin2.end();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      await between.query("SELECT 1").then(
        () => "answered",
        () => "refused",
      ),
    ).toBe("refused");
    between.release(true);
    // The service is still here: the next request gets a connection of its own.
    expect((await db.pool.query<{ one: number }>("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });

  it("a client that sends half a body and stalls is cut off, and does not hold the service's stop", async () => {
    const app = buildServer({ pool: db.pool, logStream: null, requestTimeoutMs: 300 });
    await app.listen({ host: "127.0.0.1", port: 0 });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const socket = connect(port, "127.0.0.1");
    const closed = new Promise<string>((resolve) => {
      let answer = "";
      socket.on("data", (chunk) => (answer += chunk.toString()));
      socket.on("close", () => resolve(answer));
    });
    socket.write(
      'POST /v1/events HTTP/1.1\r\nHost: hq\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"schemaVersion":',
    );
    expect(await closed).toMatch(/^HTTP\/1\.1 408/);
    const started = performance.now();
    await app.close();
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
