import { useCallback, useEffect, useState } from "react";
import type { AppInfo, StaffSummary } from "../../contract/channels";
import { call, messageOf, onEvent } from "../common/api";
import { Backups } from "./Backups";
import { Desk } from "./desk/Desk";
import { PinLogin } from "./PinLogin";
import { PrinterSettings } from "./PrinterSettings";
import { Reports } from "./reports/Reports";
import { BackOffice } from "./admin/BackOffice";
import { UnlockCodeMissing } from "./UnlockCode";
import { useAuthGuard } from "./useAuthGuard";
import { useStaffIdle } from "./useStaffIdle";

type Tab = "desk" | "reports" | "printer" | "admin" | "backups";

/** The staff window: PIN first, then the desk (everyone) and reports (managers). */
export function StaffApp() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [me, setMe] = useState<StaffSummary | null>(null);
  const [tab, setTab] = useState<Tab>("desk");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call("app.info", {}).then(setInfo, (e: unknown) => setError(messageOf(e)));
    call("staff.whoami", {}).then(
      (r) => setMe(r.staff),
      (e: unknown) => setError(messageOf(e)),
    );
    // A manager's back-office change (spa name, time zone) reaches every open staff window.
    return onEvent("settings.changed", () => void call("app.info", {}).then(setInfo, () => undefined));
  }, []);

  const [notice, setNotice] = useState<string | null>(null);
  /** Any NOT_AUTHENTICATED answer (idle lock) returns to the PIN pad. */
  const onAuthLost = useCallback(() => {
    setMe(null);
    setNotice("Locked after a while without activity. Enter your PIN to continue.");
  }, []);
  useStaffIdle(me !== null, info?.staffIdleSeconds ?? 120, onAuthLost);
  const guard = useAuthGuard(onAuthLost);
  /** Bumped by a restore: the restored data may have another unlock code, or none. */
  const [restores, setRestores] = useState(0);
  const logout = async () => {
    await call("staff.logout", {});
    setMe(null);
    setTab("desk");
  };

  if (error)
    return (
      <main className="staff">
        <p className="error" role="alert">
          {error}
        </p>
      </main>
    );
  if (!info) return <main className="staff" aria-busy="true" />;
  if (!me)
    return (
      <PinLogin
        spaName={info.spaName}
        demo={info.demo}
        onLogin={(s) => {
          setNotice(null);
          setMe(s);
        }}
        notice={notice}
      />
    );

  return (
    <div className="staff">
      <header className="topbar">
        <strong className="brand">{info.spaName}</strong>
        {info.demo && (
          <span className="demo-badge" title="This app was started on the built-in demo spa, not a spa's own data.">
            Demo data
          </span>
        )}
        <nav aria-label="Sections">
          <button
            type="button"
            className={tab === "desk" ? "tab active" : "tab"}
            aria-current={tab === "desk" ? "page" : undefined}
            onClick={() => setTab("desk")}
          >
            Arrivals
          </button>
          {me.role === "manager" && (
            <button
              type="button"
              className={tab === "reports" ? "tab active" : "tab"}
              aria-current={tab === "reports" ? "page" : undefined}
              onClick={() => setTab("reports")}
            >
              Reports
            </button>
          )}
          {me.role === "manager" && (
            <button
              type="button"
              className={tab === "printer" ? "tab active" : "tab"}
              aria-current={tab === "printer" ? "page" : undefined}
              onClick={() => setTab("printer")}
            >
              Printer
            </button>
          )}
          {me.role === "manager" && (
            <button
              type="button"
              className={tab === "admin" ? "tab active" : "tab"}
              aria-current={tab === "admin" ? "page" : undefined}
              onClick={() => setTab("admin")}
            >
              Back office
            </button>
          )}
          {me.role === "manager" && (
            <button
              type="button"
              className={tab === "backups" ? "tab active" : "tab"}
              aria-current={tab === "backups" ? "page" : undefined}
              onClick={() => setTab("backups")}
            >
              Backups
            </button>
          )}
        </nav>
        <span className="who">
          {me.name} · {me.role}
        </span>
        <button type="button" className="secondary" onClick={() => void logout()}>
          Lock
        </button>
      </header>
      <main>
        {me.role === "manager" && tab !== "admin" && <UnlockCodeMissing guard={guard} checkAgain={restores} />}
        {tab === "desk" && <Desk info={info} onAuthLost={onAuthLost} />}
        {tab === "reports" && me.role === "manager" && <Reports info={info} onAuthLost={onAuthLost} />}
        {tab === "admin" && me.role === "manager" && <BackOffice me={me} onAuthLost={onAuthLost} />}
        {tab === "printer" && me.role === "manager" && <PrinterSettings onAuthLost={onAuthLost} />}
        {tab === "backups" && me.role === "manager" && (
          <Backups
            timeZone={info.timeZone}
            onAuthLost={onAuthLost}
            onRestored={() => {
              setRestores((n) => n + 1);
              void call("app.info", {}).then(setInfo, () => undefined);
            }}
          />
        )}
      </main>
    </div>
  );
}
