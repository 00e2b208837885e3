import { useEffect, useState } from "react";
import type { DiskSpace } from "../../../contract/maintenance";
import { call } from "../../common/api";

const CHECK_EVERY_MS = 15 * 60_000;
const mb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1_048_576))} MB`;

/**
 * The desk's warning when the data folder's disk has less room than a day's backups need, so
 * someone frees space before backups (and then check-ins) fail. Checked when the desk opens and
 * every 15 minutes; silent while there is room.
 */
export function DiskSpaceWarning() {
  const [space, setSpace] = useState<DiskSpace | null>(null);
  useEffect(() => {
    const check = () => void call("maintenance.diskSpace", {}).then(setSpace, () => undefined);
    check();
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    return () => window.clearInterval(timer);
  }, []);
  if (!space?.low) return null;
  return (
    <p className="error" role="alert">
      The disk is nearly full: {mb(space.freeBytes)} free on {space.folder}, and a day's backups need{" "}
      {mb(space.neededBytes)}. Free some space on that drive so backups and check-ins keep working.
    </p>
  );
}
