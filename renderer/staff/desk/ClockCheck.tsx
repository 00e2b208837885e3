import { useEffect, useState } from "react";
import type { ClockTrust } from "../../../contract/maintenance";
import { call } from "../../common/api";
import { dateTimeText } from "../../common/format";
import { ClockWarning } from "../ClockWarning";

const CHECK_EVERY_MS = 15 * 60_000;

/**
 * The desk's warning when the computer's clock reads far ahead of or behind the last date Happy Head trusted
 * (db/maintenance/clock-trust.ts): the receptionist is the one who sees the screen every day, and a clock in 2000
 * means the kiosk finds nobody's booking. Checked when the desk opens and every 15 minutes; silent while it is right.
 * A manager says the date is right under Backups.
 */
export function ClockCheck({ timeZone }: { timeZone: string }) {
  const [clock, setClock] = useState<ClockTrust | null>(null);
  useEffect(() => {
    const check = () => void call("maintenance.clock", {}).then(setClock, () => undefined);
    check();
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    return () => window.clearInterval(timer);
  }, []);
  if (!clock || clock.state === "ok") return null;
  return <ClockWarning clock={clock} when={(iso) => dateTimeText(iso, timeZone, "en-US")} busy={false} />;
}
