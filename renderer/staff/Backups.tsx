import { useCallback, useEffect, useState } from "react";
import type { BackupInfo, MaintenanceStatus } from "../../contract/maintenance";
import { call, messageOf } from "../common/api";
import { dateTimeText } from "../common/format";
import { ClockWarning } from "./ClockWarning";
import { TableHead } from "./TableHead";
import { useAuthGuard } from "./useAuthGuard";
import "./backups.css";

const KIND: Record<BackupInfo["kind"], string> = {
  auto: "Daily",
  manual: "Manual",
  "before-restore": "Before a restore",
  "before-upgrade": "Before an update",
  rescued: "Rescued after the data file went missing",
};
const size = (bytes: number) =>
  bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** Managers: the backups folder, "Back up now", restore (confirmed first), and the audit-log check. */
export function Backups({
  timeZone,
  onAuthLost,
  onRestored,
}: {
  timeZone: string;
  onAuthLost: () => void;
  onRestored: () => void;
}) {
  const [list, setList] = useState<{ folder: string; backups: BackupInfo[]; status: MaintenanceStatus } | null>(null);
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<BackupInfo | null>(null);
  const guard = useAuthGuard(onAuthLost);
  const when = (iso: string) => dateTimeText(iso, timeZone, "en-US");

  const load = useCallback(() => {
    guard(call("maintenance.backups", {})).then(setList, (e: unknown) =>
      setMessage({ kind: "error", text: messageOf(e) }),
    );
  }, [guard]);
  useEffect(load, [load]);

  const run = async (action: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ kind: "ok", text: await action() });
    } catch (e) {
      setMessage({ kind: "error", text: messageOf(e) });
    } finally {
      setBusy(false);
      load();
    }
  };
  const backupNow = () =>
    run(async () => `Backup made: ${when((await guard(call("maintenance.backupNow", {}))).createdAt)}.`);
  const restore = (b: BackupInfo) => {
    setConfirming(null);
    void run(async () => {
      const r = await guard(call("maintenance.restore", { name: b.name }));
      onRestored();
      const leftOut =
        r.leftOut === 0
          ? ""
          : ` ${r.leftOut === 1 ? "1 guest" : `${r.leftOut} guests`} had checked in after that backup: the desk lists them to check in again.`;
      const undone =
        r.undone === 0
          ? ""
          : ` ${r.undone === 1 ? "1 add-on decision" : `${r.undone} add-on decisions`} the desk made after it ${r.undone === 1 ? "was" : "were"} undone: the desk lists ${r.undone === 1 ? "it" : "them"} to make again.`;
      return `Restored the backup from ${when(r.restored.createdAt)}. The data from before the restore was kept as a backup.${leftOut}${undone}`;
    });
  };
  const verify = () =>
    run(async () => {
      const r = await guard(call("maintenance.verifyAudit", {}));
      if (!r.ok) throw new Error(`Audit log check failed at row ${r.firstBadId}: ${r.problem}.`);
      return `Audit log intact: ${r.rows} entries, none edited or deleted.`;
    });

  return (
    <section className="backups-panel" aria-labelledby="backups-title">
      <div className="backups-head">
        <h1 id="backups-title">Backups</h1>
        <button type="button" className="primary" disabled={busy} onClick={() => void backupNow()}>
          Back up now
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void verify()}>
          Check audit log
        </button>
      </div>
      <p className="hint">
        A backup is made automatically every day; the last 7 days and 4 weeks are kept.
        {list && (
          <>
            {" "}
            Folder: <code>{list.folder}</code>
          </>
        )}
      </p>
      {list && list.status.clock.state !== "ok" && (
        <ClockWarning
          clock={list.status.clock}
          when={when}
          busy={busy}
          onConfirm={(clockAt) =>
            void run(async () => {
              await guard(call("maintenance.confirmClock", { clockAt }));
              return "Thank you: Happy Head goes by this date from now on. Privacy retention runs again now.";
            })
          }
        />
      )}
      {list && <Upkeep status={list.status} when={when} />}
      {message && (
        <p className={message.kind === "ok" ? "notice" : "error"} role={message.kind === "ok" ? "status" : "alert"}>
          {message.text}
        </p>
      )}
      {list &&
        (list.backups.length === 0 ? (
          <p className="empty">No backups yet.</p>
        ) : (
          <table className="backup-list">
            <TableHead columns={["Made", "Kind", "Size"]} />
            <tbody>
              {list.backups.map((b) => (
                <tr key={b.name}>
                  <td>{when(b.createdAt)}</td>
                  <td>{KIND[b.kind]}</td>
                  <td>{size(b.sizeBytes)}</td>
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy}
                      onClick={() => setConfirming(b)}
                      aria-label={`Restore the backup from ${when(b.createdAt)}`}
                    >
                      Restore…
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {confirming && (
        <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="restore-confirm-title">
          <div className="dialog">
            <h2 id="restore-confirm-title">Restore the backup from {when(confirming.createdAt)}?</h2>
            <p>
              Everything recorded since then (check-ins, confirmations, settings) is replaced by the backup. The current
              data is kept as a backup first, so this can be undone.
            </p>
            <div className="actions">
              <button type="button" className="danger" onClick={() => restore(confirming)}>
                Restore this backup
              </button>
              <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                Cancel
              </button>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}

/** The background upkeep since start: the full database check (a problem is an alert) and privacy retention. */
function Upkeep({ status, when }: { status: MaintenanceStatus; when: (iso: string) => string }) {
  const { integrity, retention } = status;
  return (
    <p
      className={integrity.state === "problem" || integrity.state === "failed" ? "error" : "hint"}
      role={integrity.state === "problem" ? "alert" : undefined}
    >
      {integrity.message}
      {integrity.checkedAt && <> ({when(integrity.checkedAt)})</>}
      {retention.ranAt && (
        <>
          {" "}
          Privacy retention ran {when(retention.ranAt)}: {retention.erased} past guests’ phone numbers and surnames
          erased.
        </>
      )}
    </p>
  );
}
