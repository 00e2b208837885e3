import { useId, useState } from "react";
import { csvStyleFor, type CsvStyle } from "../../contract/csv";
import { CsvStyleField } from "../../renderer/staff/reports/CsvStyleField";
import { download, type DashboardError } from "./api";
import { failureOf } from "./page";

/**
 * A page's export: CSV of one of its tables, or an Excel workbook of every one, for the range
 * shown. The head office builds the file (GET `url` with the format and table) and the browser
 * saves it under the name the service gives it.
 */
export function Export<K extends string>({
  url,
  query,
  tables,
  onSignedOut,
}: {
  url: string;
  /** The page's own query (range, location…). */
  query: Record<string, string>;
  tables: readonly { key: K; label: string }[];
  onSignedOut: (e: DashboardError) => void;
}) {
  const ids = useId();
  const [format, setFormat] = useState<"csv" | "xlsx">("csv");
  const [table, setTable] = useState<K | undefined>(tables[0]?.key);
  // As this computer's spreadsheet writes numbers, unless the owner picks the other.
  const [csv, setCsv] = useState<CsvStyle>(() => csvStyleFor(navigator.language));
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<{ error: boolean; text: string } | null>(null);

  const start = async () => {
    setBusy(true);
    setSaid(null);
    try {
      const params = new URLSearchParams({ ...query, format, ...(format === "csv" && table ? { table, csv } : {}) });
      const file = await download(`${url}?${params.toString()}`);
      const link = document.createElement("a");
      link.href = URL.createObjectURL(file.blob);
      link.download = file.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      setSaid({ error: false, text: `Downloaded ${file.fileName}.` });
    } catch (e) {
      const failure = failureOf(e, onSignedOut);
      if (failure !== null) setSaid({ error: true, text: failure });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="export" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Export</h2>
      <div className="export-row">
        <div className="field">
          <label htmlFor={`${ids}-format`}>Format</label>
          <select id={`${ids}-format`} value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
            <option value="csv">CSV (spreadsheet text)</option>
            <option value="xlsx">Excel workbook (every table)</option>
          </select>
        </div>
        {format === "csv" && (
          <div className="field">
            <label htmlFor={`${ids}-table`}>Table</label>
            <select id={`${ids}-table`} value={table} onChange={(e) => setTable(e.target.value as K)}>
              {tables.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.label}
                </option>
              ))}
            </select>
          </div>
        )}
        {format === "csv" && <CsvStyleField id={`${ids}-csv`} value={csv} onChange={setCsv} />}
        <button type="button" className="primary" onClick={() => void start()} disabled={busy}>
          {busy ? "Preparing…" : format === "csv" ? "Download CSV" : "Download Excel"}
        </button>
      </div>
      {said && (
        <p className={said.error ? "error" : undefined} role={said.error ? "alert" : "status"}>
          {said.text}
        </p>
      )}
    </section>
  );
}
