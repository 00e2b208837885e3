import { useId, useState } from "react";
import { IMPORT_MAX_CHARS, importFields, type ImportField, type ImportMapping, type ImportPreview, type ImportResult, IMPORT_FIELD_LABELS } from "../../../contract/desk";
import { call, messageOf } from "../../common/api";
import { clockTime } from "../../common/format";
import { useDialogKeys } from "./useDialogKeys";

const FIELD_LABEL = IMPORT_FIELD_LABELS;

/**
 * Reads a CSV file as UTF-8 text here, refusing other encodings with a message (TextDecoder in
 * fatal mode), then lets the main process preview and import it.
 */
async function readText(file: File): Promise<string> {
  if (file.size > IMPORT_MAX_CHARS) {
    throw new Error(`This file is larger than ${IMPORT_MAX_CHARS / 1_000_000} MB. Split it into smaller files (a day or a week each) and import them one by one.`);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw new Error('This file isn\'t UTF-8 text (it was probably saved as Windows-1252 or Latin-1), so names with accents would be garbled. Save it as "CSV UTF-8" and try again.');
  }
}

export function DeskImport({ guard, timeZone, onClose, onImported }: {
  guard: <T>(p: Promise<T>) => Promise<T>;
  timeZone: string;
  onClose: () => void;
  onImported: () => void;
}) {
  const titleId = useId();
  const [content, setContent] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [skipBad, setSkipBad] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDialogKeys(onClose);

  const runPreview = async (text: string, mapping?: ImportMapping) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setPreview(await guard(call("desk.importPreview", mapping ? { content: text, mapping } : { content: text })));
    } catch (e) {
      setPreview(null);
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setPreview(null);
    setSkipBad(false);
    try {
      const text = await readText(file);
      setContent(text);
      await runPreview(text);
    } catch (e) {
      setContent(null);
      setError(e instanceof Error ? e.message : messageOf(e));
    }
  };

  const remap = (field: ImportField, value: string) => {
    if (!preview || content === null) return;
    const mapping: ImportMapping = { ...preview.mapping };
    if (value === "") delete mapping[field];
    else mapping[field] = Number(value);
    void runPreview(content, mapping);
  };

  const commit = async () => {
    if (!preview || content === null) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await guard(call("desk.importCommit", { content, mapping: preview.mapping, skipBadRows: skipBad })));
      onImported();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const bad = preview ? preview.totalRows - preview.validRows : 0;
  const mappingBroken = preview?.errors.some((e) => e.line === 1) ?? false;
  const canImport = preview !== null && !mappingBroken && preview.validRows > 0 && (bad === 0 || skipBad) && !busy && result === null;

  return (
    <div className="overlay" role="presentation">
      <div className="dialog import" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <header className="panel-head">
          <h2 id={titleId}>Import appointments</h2>
          <button type="button" className="secondary" onClick={onClose}>Close</button>
        </header>
        <p>Choose the CSV export of your booking system or POS (UTF-8; commas, semicolons or tabs). Importing the same file again updates appointments by their external ID.</p>
        <label className="file">
          CSV file
          <input type="file" accept=".csv,.txt,text/csv" onChange={(e) => void pick(e.target.files?.[0])} />
        </label>
        {error && <p className="error" role="alert">{error}</p>}
        {result && (
          <p className="ok" role="status">
            Imported: {result.created} new, {result.updated} updated, {result.unchanged} unchanged{result.skipped ? `, ${result.skipped} bad rows skipped` : ""}.
          </p>
        )}
        {preview && (
          <>
            <fieldset className="mapping">
              <legend>Columns {preview.mappingRemembered ? "(remembered from the last import of this layout)" : ""}</legend>
              {importFields.map((f) => (
                <label key={f}>
                  {FIELD_LABEL[f]}
                  <select value={preview.mapping[f] ?? ""} onChange={(e) => remap(f, e.target.value)}>
                    <option value="">— not in this file —</option>
                    {preview.columns.map((c, i) => <option key={i} value={i}>{c || `Column ${i + 1}`}</option>)}
                  </select>
                </label>
              ))}
            </fieldset>
            <p role="status">
              {preview.totalRows} rows: {preview.validRows} ready{bad > 0 ? `, ${bad} with problems` : ""}.
            </p>
            {preview.errors.length > 0 && (
              <table className="import-errors">
                <caption>Problems</caption>
                <thead><tr><th scope="col">Line</th><th scope="col">Column</th><th scope="col">Problem</th></tr></thead>
                <tbody>
                  {preview.errors.map((e, i) => (
                    <tr key={i}><td>{e.line || ""}</td><td>{e.field ? FIELD_LABEL[e.field as ImportField] ?? e.field : ""}</td><td>{e.message}</td></tr>
                  ))}
                </tbody>
              </table>
            )}
            {preview.rows.length > 0 && (
              <table className="import-preview">
                <caption>Preview{preview.validRows > preview.rows.length ? ` (first ${preview.rows.length})` : ""}</caption>
                <thead><tr><th scope="col">Line</th><th scope="col">ID</th><th scope="col">Guest</th><th scope="col">Start</th><th scope="col">Service</th><th scope="col">Therapist · Room</th><th scope="col">Will be</th></tr></thead>
                <tbody>
                  {preview.rows.map((r) => (
                    <tr key={r.line}>
                      <td>{r.line}</td><td>{r.externalId}</td><td>{r.guestName}</td>
                      <td>{new Date(r.startsAt).toLocaleDateString("en-US", { timeZone, month: "short", day: "numeric" })} {clockTime(r.startsAt, timeZone, "en-US")}</td>
                      <td>{r.serviceName}</td><td>{r.therapistName} · {r.roomName}</td><td>{r.action === "create" ? "added" : r.action === "update" ? "updated" : "unchanged"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {bad > 0 && !mappingBroken && (
              <label className="check">
                <input type="checkbox" checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} />
                Skip the {bad} bad rows and import the other {preview.validRows}
              </label>
            )}
            <button type="button" className="primary" disabled={!canImport} onClick={() => void commit()}>
              Import {preview.validRows} appointments
            </button>
          </>
        )}
      </div>
    </div>
  );
}
