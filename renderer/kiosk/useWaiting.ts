import { useEffect } from "react";
import { waitStage, type Wait } from "./flow/waiting";
import { useElapsed } from "./useElapsed";

/**
 * How long the screen has been waiting on the main process, as a stage (flow/waiting.ts): the notice shows at "slow",
 * `onStuck` is called once at "stuck". A new wait starts a fresh count, on the monotonic clock as the idle reset's:
 * the machine's clock set forward never gives up on a call that just started.
 */
export function useWaiting(working: boolean, onStuck: () => void): Wait {
  const { elapsedMs } = useElapsed(working);
  const stage = waitStage(working, elapsedMs);
  useEffect(() => {
    if (stage === "stuck") onStuck();
  }, [stage, onStuck]);
  return stage;
}
