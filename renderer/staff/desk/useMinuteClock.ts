import { useEffect, useState } from "react";
import { appNow } from "../../common/clock";

/** The time now, moved on at every minute boundary: enough for "Late · 25 min". */
export function useMinuteClock(): number {
  const [now, setNow] = useState(appNow);
  useEffect(() => {
    let timer = 0;
    const schedule = () => {
      timer = window.setTimeout(
        () => {
          setNow(appNow());
          schedule();
        },
        60_000 - (appNow() % 60_000) + 50,
      );
    };
    schedule();
    return () => window.clearTimeout(timer);
  }, []);
  return now;
}
