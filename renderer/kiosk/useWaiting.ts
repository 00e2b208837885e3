import { useEffect, useState } from "react";
import { sinceStartMs } from "../common/clock";
import { waitStage, type Wait } from "./flow/waiting";

/**
 * How long the screen has been waiting on the main process, as a stage (flow/waiting.ts): the notice shows at "slow",
 * `onStuck` is called once at "stuck". A new wait starts a fresh count. Measured on the monotonic clock, as the idle
 * reset is: the machine's clock set forward never gives up on a call that just started.
 */
export function useWaiting(working: boolean, onStuck: () => void): Wait {
  const [since, setSince] = useState(() => sinceStartMs());
  const [now, setNow] = useState(() => sinceStartMs());
  // A wait beginning starts its count before any effect runs: the last wait's time never shows the notice at once.
  const [wasWorking, setWasWorking] = useState(working);
  if (working !== wasWorking) {
    const t = sinceStartMs();
    setWasWorking(working);
    setSince(t);
    setNow(t);
  }

  useEffect(() => {
    if (!working) return;
    const tick = window.setInterval(() => setNow(sinceStartMs()), 250);
    return () => window.clearInterval(tick);
  }, [working]);

  const stage = waitStage(working, now - since);
  useEffect(() => {
    if (stage === "stuck") onStuck();
  }, [stage, onStuck]);
  return stage;
}
