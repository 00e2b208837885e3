import { HEARTBEAT_EVERY_MS } from "../contract/channels";

/**
 * The main process's sign of life: `beat` (the "app.heartbeat" push to the staff windows) every `everyMs`, on the main
 * thread's own timer, so a main process that hangs sends none and the desk says its list is not up to date
 * (renderer/staff/desk/freshness.ts). The timer never keeps a quitting app alive; the returned function stops it.
 */
export function startHeartbeat(beat: () => void, everyMs: number = HEARTBEAT_EVERY_MS): () => void {
  const timer = setInterval(beat, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
