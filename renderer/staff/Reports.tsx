import { useCallback, useEffect, useState } from "react";
import type { AppInfo, UptakeSummary } from "../../contract/channels";
import { call, messageOf } from "../common/api";
import { money, percent, todayIn } from "../common/format";
import { useAuthGuard } from "./useAuthCall";

const daysBefore = (day: string, n: number) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};

/** Saves a file the way a browser does; in Electron the download asks where to save it. */
function download(filename: string, mimeType: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  URL.revokeObjectURL(url);
}

export function Reports({ info, onAuthLost }: { info: AppInfo; onAuthLost: () => void }) {
  const today = todayIn(info.timeZone);
  const [range, setRange] = useState({ from: daysBefore(today, 29), to: today });
  const [summary, setSummary] = useState<UptakeSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const guard = useAuthGuard(onAuthLost);

  const load = useCallback(() => {
    setError(null);
    guard(call("reports.uptake", range)).then(setSummary, (e: unknown) => setError(messageOf(e)));
  }, [guard, range]);
  useEffect(load, [load]);

  const exportCsv = async () => {
    try {
      const file = await guard(call("reports.uptakeCsv", range));
      download(file.filename, file.mimeType, file.content);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section className="reports" aria-labelledby="reports-title">
      <h1 id="reports-title">Add-on uptake</h1>
      <form className="range" onSubmit={(e) => { e.preventDefault(); load(); }}>
        <label>From <input type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} /></label>
        <label>To <input type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} /></label>
        <button type="button" className="secondary" onClick={() => setRange({ from: today, to: today })}>Today</button>
        <button type="button" className="secondary" onClick={() => setRange({ from: daysBefore(today, 29), to: today })}>Last 30 days</button>
        <button type="button" className="primary" onClick={() => void exportCsv()}>Export CSV</button>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {summary && (summary.checkIns === 0 ? (
        <p className="empty">No check-ins in this range yet.</p>
      ) : (
        <>
          <dl className="kpis">
            <div><dt>Check-ins</dt><dd>{summary.checkIns}</dd></div>
            <div><dt>Offered an add-on</dt><dd>{summary.offered}</dd></div>
            <div><dt>Take rate</dt><dd>{percent(summary.takeRate, "en-US")}</dd></div>
            <div><dt>Add-on revenue</dt><dd>{money(summary.revenueCents, "en-US")}</dd></div>
            <div><dt>Confirmed at desk</dt><dd>{summary.confirmed}</dd></div>
            <div><dt>Voided</dt><dd>{summary.voided}</dd></div>
          </dl>
          <table className="by-addon">
            <caption>By add-on</caption>
            <thead><tr><th scope="col">Add-on</th><th scope="col">Taken</th><th scope="col">Revenue</th></tr></thead>
            <tbody>
              {summary.byAddon.map((a) => (
                <tr key={a.code}><td>{a.title}</td><td>{a.taken}</td><td>{money(a.revenueCents, "en-US")}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      ))}
    </section>
  );
}
