import pg from "pg";

/**
 * Head office's PostgreSQL pool. A connection PostgreSQL ends (a restart, a failover, an administrator's
 * pg_terminate_backend), idle or in use, is reported to `onLost` and dropped: the request that was using it fails
 * (500, "Try again"), and the next one opens another. node-postgres emits the loss as an 'error' event on the
 * connection; on one a request had borrowed there was no listener, and the event took the whole service down
 * ("Connection terminated unexpectedly", 57P01), every location's sync refused until someone restarted it.
 */
export function hqPool(
  connectionString: string,
  max: number,
  onLost: (error: Error & { code?: string }) => void,
): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  // The pool reports an idle connection's loss here too; the connection's own listener below has reported it.
  pool.on("error", () => undefined);
  pool.on("connect", (client) => client.on("error", onLost));
  return pool;
}
