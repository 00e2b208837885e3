import { useEffect, useId, useRef, useState } from "react";
import type { ExportOptions, ExportProgress, ExportTable, ReportGrain } from "../../../contract/reports";
import { call, messageOf, onEvent } from "../../common/api";
import { csvStyleFor, type CsvStyle } from "../../../contract/csv";
import { CsvStyleField } from "./CsvStyleField";
import { num } from "./format";

const TABLES: { key: ExportTable; label: string }[] = [
  { key: "checkins", label: "Check-ins (one row each)" },
  { key: "overTime", label: "Over time" },
  { key: "service", label: "By service" },
  { key: "therapist", label: "By therapist" },
  { key: "channel", label: "By channel" },
  { key: "language", label: "By kiosk language" },
  { key: "weekdayHour", label: "Weekday × hour" },
  { key: "addons", label: "By add-on" },
  { key: "bookedAhead", label: "Booked ahead (booking system)" },
  { key: "funnel", label: "Funnel" },
  { key: "screening", label: "Screening (counts only)" },
];

/** The export: format, table, progress with a cancel, and where the file went. */
export function ExportPanel({
  range,
  grain,
  guard,
}: {
  range: { from: string; to: string };
  grain: ReportGrain;
  guard: <T>(p: Promise<T>) => Promise<T>;
}) {
  const ids = useId();
  const [options, setOptions] = useState<ExportOptions | null>(null);
  const [format, setFormat] = useState<"csv" | "xlsx" | "pdf">("csv");
  const [table, setTable] = useState<ExportTable>("checkins");
  // As the computer's spreadsheet writes numbers, unless the manager picks the other.
  const [csvStyle, setCsvStyle] = useState<CsvStyle>(() => csvStyleFor(navigator.language));
  const [job, setJob] = useState<ExportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    guard(call("reports.exportOptions", {})).then(setOptions, (e: unknown) => setError(messageOf(e)));
  }, [guard]);
  // Progress can arrive before exportStart answers (a small file is done at once): keep it by job.
  const seen = useRef(new Map<string, ExportProgress>());
  useEffect(
    () =>
      onEvent("reports.exportProgress", (p) => {
        seen.current.set(p.jobId, p);
        setJob((j) => (j && j.jobId === p.jobId ? p : j));
      }),
    [],
  );

  const start = async () => {
    setError(null);
    try {
      const r = await guard(call("reports.exportStart", { ...range, grain, format, table, csvStyle }));
      if (!r.started) return;
      setJob(
        seen.current.get(r.jobId) ?? {
          jobId: r.jobId,
          state: "running",
          rows: 0,
          total: 0,
          fileName: r.fileName,
          message: null,
        },
      );
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const cancel = async () => {
    if (job)
      await guard(call("reports.exportCancel", { jobId: job.jobId })).catch((e: unknown) => setError(messageOf(e)));
  };
  const running = job?.state === "running";

  return (
    <section className="export" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <div className="export-row">
        <div className="field">
          <label htmlFor={`${ids}-format`}>Format</label>
          <select
            id={`${ids}-format`}
            value={format}
            onChange={(e) => setFormat(e.target.value as typeof format)}
            disabled={running}
          >
            <option value="csv">CSV (spreadsheet text)</option>
            <option value="xlsx">Excel workbook (every table)</option>
            {options?.pdf && <option value="pdf">PDF of this summary</option>}
          </select>
        </div>
        {format === "csv" && (
          <div className="field">
            <label htmlFor={`${ids}-table`}>Table</label>
            <select
              id={`${ids}-table`}
              value={table}
              onChange={(e) => setTable(e.target.value as ExportTable)}
              disabled={running}
            >
              {TABLES.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.label}
                </option>
              ))}
            </select>
          </div>
        )}
        {format === "csv" && (
          <CsvStyleField id={`${ids}-style`} value={csvStyle} onChange={setCsvStyle} disabled={running} />
        )}
        <button type="button" className="primary" onClick={() => void start()} disabled={running}>
          {format === "csv" ? "Export CSV" : format === "xlsx" ? "Export Excel" : "Save PDF"}
        </button>
      </div>
      {options && !options.pdf && <p className="hint">PDF of the summary is available in the desktop app.</p>}
      {options?.destination === "folder" && (
        <p className="hint">Files are saved in the data folder's “exports” folder.</p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {job && (
        <div className="export-job" role="status" aria-live="polite">
          {running ? (
            <>
              <progress max={Math.max(job.total, 1)} value={job.rows} aria-label={`Exporting ${job.fileName}`} />
              <span>{job.total > 0 ? `${num(job.rows)} of ${num(job.total)} rows` : "Preparing…"}</span>
              <button type="button" className="secondary" onClick={() => void cancel()}>
                Cancel export
              </button>
            </>
          ) : job.state === "done" ? (
            <span>
              Saved {job.fileName}
              {/* A PDF has pages, not rows: its "saved" line gives no row count. */}
              {job.fileName.endsWith(".pdf") ? "" : ` (${num(job.rows)} ${job.rows === 1 ? "row" : "rows"})`}
              {job.message ? ` to ${job.message}` : ""}.
            </span>
          ) : job.state === "cancelled" ? (
            <span>Export cancelled; no file was saved.</span>
          ) : (
            <span className="error">{job.message}</span>
          )}
        </div>
      )}
    </section>
  );
}
