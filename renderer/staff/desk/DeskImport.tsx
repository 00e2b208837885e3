import { useId, useState } from "react";
import {
  IMPORT_MAX_CHARS,
  importFields,
  type DateOrder,
  type ImportCatalogKind,
  type ImportField,
  type ImportIssue,
  type ImportMapping,
  type ImportPreview,
  type ImportResult,
  type ImportUnknownName,
  IMPORT_FIELD_LABELS,
} from "../../../contract/desk";
import { call, messageOf } from "../../common/api";
import { clockTime } from "../../common/format";
import { useDialogKeys } from "./useDialogKeys";
import "./import.css";

const FIELD_LABEL = IMPORT_FIELD_LABELS;
const KIND_NOUN: Record<ImportCatalogKind, string> = { service: "service", therapist: "therapist", room: "room" };
const STATUS_SHOWN = { booked: "booked", cancelled: "cancelled", no_show: "no-show" } as const;

/**
 * Reads a CSV file as UTF-8 text here, refusing other encodings with a message (TextDecoder in
 * fatal mode), then lets the main process preview and import it.
 */
async function readText(file: File): Promise<string> {
  if (file.size > IMPORT_MAX_CHARS) {
    throw new Error(
      `This file is larger than ${IMPORT_MAX_CHARS / 1_000_000} MB. Split it into smaller files (a day or a week each) and import them one by one.`,
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw new Error(
      'This file isn\'t UTF-8 text (it was probably saved as Windows-1252 or Latin-1), so names with accents would be garbled. Save it as "CSV UTF-8" and try again.',
    );
  }
}

function IssueTable({ caption, issues, className }: { caption: string; issues: ImportIssue[]; className: string }) {
  return (
    <table className={className}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col">Column</th>
          <th scope="col">What to do</th>
        </tr>
      </thead>
      <tbody>
        {issues.map((e, i) => (
          <tr key={i}>
            <td>{e.line || ""}</td>
            <td>{e.column ?? ""}</td>
            <td>{e.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One name the catalog doesn't know: match it to an entry (remembered), or, for a manager, add it. */
function UnknownNameRow({
  entry,
  preview,
  busy,
  onMatch,
  onAdd,
}: {
  entry: ImportUnknownName;
  preview: ImportPreview;
  busy: boolean;
  onMatch: (entry: ImportUnknownName, targetId: number) => void;
  onAdd: (entry: ImportUnknownName, minutes: number, priceCents: number) => void;
}) {
  const [target, setTarget] = useState("");
  const [minutes, setMinutes] = useState(String(entry.minutes ?? 60));
  const [price, setPrice] = useState("");
  const noun = KIND_NOUN[entry.kind];
  const priceCents = Math.round(Number(price) * 100);
  const canAdd =
    entry.kind !== "service" ||
    (Number.isInteger(Number(minutes)) &&
      Number(minutes) >= 5 &&
      price.trim() !== "" &&
      Number.isFinite(priceCents) &&
      priceCents >= 0);
  return (
    <tr>
      <td>{noun}</td>
      <td>“{entry.name}”</td>
      <td>
        {entry.rows} {entry.rows === 1 ? "row" : "rows"} (from line {entry.firstLine})
      </td>
      <td>
        <select
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          aria-label={`Catalog ${noun} for “${entry.name}”`}
        >
          <option value="">— choose a {noun} —</option>
          {preview.catalog[entry.kind].map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>{" "}
        <button
          type="button"
          className="secondary"
          disabled={busy || target === ""}
          onClick={() => onMatch(entry, Number(target))}
        >
          Match
        </button>
      </td>
      <td>
        {preview.canAddToCatalog ? (
          <span className="add-entry">
            {entry.kind === "service" && (
              <>
                <label>
                  Minutes <input inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
                </label>
                <label>
                  Price ${" "}
                  <input
                    inputMode="decimal"
                    value={price}
                    onChange={(e) => setPrice(e.target.value)}
                    placeholder="0.00"
                  />
                </label>
              </>
            )}
            <button
              type="button"
              className="secondary"
              disabled={busy || !canAdd}
              onClick={() => onAdd(entry, Number(minutes), priceCents)}
            >
              Add “{entry.name}” as a new {noun}
            </button>
          </span>
        ) : (
          <span>A manager can add it here.</span>
        )}
      </td>
    </tr>
  );
}

export function DeskImport({
  guard,
  timeZone,
  onClose,
  onImported,
}: {
  guard: <T>(p: Promise<T>) => Promise<T>;
  timeZone: string;
  onClose: () => void;
  onImported: () => void;
}) {
  const titleId = useId();
  const [content, setContent] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [dateOrder, setDateOrder] = useState<DateOrder | undefined>(undefined);
  const [skipBad, setSkipBad] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDialogKeys(onClose);

  const runPreview = async (text: string, mapping?: ImportMapping, order?: DateOrder) => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setPreview(
        await guard(
          call("desk.importPreview", {
            content: text,
            ...(mapping ? { mapping } : {}),
            ...(order ? { dateOrder: order } : {}),
          }),
        ),
      );
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
    setDateOrder(undefined);
    setNotice(null);
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
    void runPreview(content, mapping, dateOrder);
  };

  const chooseOrder = (order: DateOrder) => {
    if (!preview || content === null) return;
    setDateOrder(order);
    void runPreview(content, preview.mapping, order);
  };

  const afterCatalogChange = async (message: string) => {
    setNotice(message);
    if (preview && content !== null) await runPreview(content, preview.mapping, dateOrder);
  };

  const match = async (entry: ImportUnknownName, targetId: number) => {
    try {
      const done = await guard(call("desk.importMatchName", { kind: entry.kind, name: entry.name, targetId }));
      await afterCatalogChange(`“${done.name}” is now read as ${done.targetName}, in this and every later import.`);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const add = async (entry: ImportUnknownName, minutes: number, priceCents: number) => {
    try {
      if (entry.kind === "service") {
        await guard(call("admin.saveService", { name: entry.name, guestNames: {}, minutes, priceCents, active: true }));
      } else if (entry.kind === "therapist") {
        await guard(call("admin.saveTherapist", { name: entry.name, active: true }));
      } else {
        await guard(call("admin.saveRoom", { name: entry.name, active: true }));
      }
      await afterCatalogChange(`“${entry.name}” was added to the catalog as a new ${KIND_NOUN[entry.kind]}.`);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const commit = async () => {
    if (!preview || content === null) return;
    setBusy(true);
    setError(null);
    try {
      setResult(
        await guard(
          call("desk.importCommit", {
            content,
            mapping: preview.mapping,
            ...(dateOrder ? { dateOrder } : {}),
            skipBadRows: skipBad,
          }),
        ),
      );
      onImported();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const bad = preview ? preview.totalRows - preview.validRows : 0;
  const mappingBroken = preview?.errors.some((e) => e.line === 1) ?? false;
  const askOrder = preview?.dateOrder.from === "ask";
  const canImport =
    preview !== null && !mappingBroken && preview.validRows > 0 && (bad === 0 || skipBad) && !busy && result === null;

  return (
    <div className="overlay" role="presentation">
      <div className="dialog import" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <header className="panel-head">
          <h2 id={titleId}>Import appointments</h2>
          <button type="button" className="secondary" onClick={onClose}>
            Close
          </button>
        </header>
        <p>
          Choose the CSV export of your booking system or POS (UTF-8; commas, semicolons or tabs). Importing the same
          file again updates appointments by their external ID, and cancels those the file marks cancelled.
        </p>
        <label className="file">
          CSV file
          <input type="file" accept=".csv,.txt,text/csv" onChange={(e) => void pick(e.target.files?.[0])} />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {notice && (
          <p className="ok" role="status">
            {notice}
          </p>
        )}
        {result && (
          <div className="ok" role="status">
            <p>
              Imported: {result.created} new, {result.updated} updated, {result.unchanged} unchanged
              {result.cancelled ? `, ${result.cancelled} cancelled` : ""}
              {result.skipped ? `, ${result.skipped} bad rows skipped` : ""}.
            </p>
            {result.cancelledAfterCheckIn.length > 0 && (
              <p className="error">
                Cancelled after the guest checked in — tell the therapist:{" "}
                {result.cancelledAfterCheckIn.map((c) => `${c.guestName} (line ${c.line}, ${c.externalId})`).join("; ")}
                .
              </p>
            )}
          </div>
        )}
        {preview && (
          <>
            {preview.preset && (
              <p className="import-preset" role="note">
                {preview.preset.note}
              </p>
            )}
            {preview.dateOrder.from !== "not-needed" && (preview.dateOrder.order !== null || askOrder) && (
              <fieldset className="import-date-order">
                <legend>Dates like 03/12/2026 are</legend>
                <label>
                  <input
                    type="radio"
                    name="date-order"
                    checked={(dateOrder ?? preview.dateOrder.order) === "day-first"}
                    onChange={() => chooseOrder("day-first")}
                  />
                  day first (3 December)
                </label>
                <label>
                  <input
                    type="radio"
                    name="date-order"
                    checked={(dateOrder ?? preview.dateOrder.order) === "month-first"}
                    onChange={() => chooseOrder("month-first")}
                  />
                  month first (12 March)
                </label>
                <span>
                  {askOrder
                    ? "No date in this file tells: choose one."
                    : preview.dateOrder.from === "file"
                      ? "(read from the file's dates)"
                      : "(your choice)"}
                </span>
              </fieldset>
            )}
            <fieldset className="mapping">
              <legend>
                Columns{" "}
                {preview.mappingRemembered
                  ? "(remembered from the last import of this layout)"
                  : preview.preset
                    ? `(proposed for ${preview.preset.name})`
                    : ""}
              </legend>
              {importFields.map((f) => (
                <label key={f}>
                  {FIELD_LABEL[f]}
                  <select value={preview.mapping[f] ?? ""} onChange={(e) => remap(f, e.target.value)}>
                    <option value="">— not in this file —</option>
                    {preview.columns.map((c, i) => (
                      <option key={i} value={i}>
                        {c || `Column ${i + 1}`}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </fieldset>
            <p role="status">
              {preview.totalRows} rows: {preview.validRows} ready{bad > 0 ? `, ${bad} with problems` : ""}
              {preview.warnings.length > 0 ? `, ${preview.warnings.length} to note` : ""}.
            </p>
            {preview.unknownNames.length > 0 && (
              <table className="import-unknown">
                <caption>
                  Names not in the catalog — match each once (remembered for later imports)
                  {preview.canAddToCatalog ? " or add it" : ""}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Kind</th>
                    <th scope="col">In the file</th>
                    <th scope="col">Used by</th>
                    <th scope="col">Is the catalog's</th>
                    <th scope="col">Or</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.unknownNames.map((u) => (
                    <UnknownNameRow
                      key={`${u.kind}:${u.name}`}
                      entry={u}
                      preview={preview}
                      busy={busy}
                      onMatch={(e, id) => void match(e, id)}
                      onAdd={(e, mins, cents) => void add(e, mins, cents)}
                    />
                  ))}
                </tbody>
              </table>
            )}
            {preview.errors.length > 0 && (
              <IssueTable
                caption="Problems (these rows are not imported)"
                issues={preview.errors}
                className="import-errors"
              />
            )}
            {preview.warnings.length > 0 && (
              <IssueTable
                caption="To note (these rows are imported)"
                issues={preview.warnings}
                className="import-warnings"
              />
            )}
            {preview.rows.length > 0 && (
              <table className="import-preview">
                <caption>
                  Preview{preview.validRows > preview.rows.length ? ` (first ${preview.rows.length})` : ""}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">ID</th>
                    <th scope="col">Guest</th>
                    <th scope="col">Time</th>
                    <th scope="col">Service</th>
                    <th scope="col">Therapist · Room</th>
                    <th scope="col">Status</th>
                    <th scope="col">Note</th>
                    <th scope="col">Will be</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rows.map((r) => (
                    <tr key={r.line} className={r.status === "booked" ? undefined : "cancelled"}>
                      <td>{r.line}</td>
                      <td>{r.externalId}</td>
                      <td>{r.guestName}</td>
                      <td>
                        {new Date(r.startsAt).toLocaleDateString("en-US", { timeZone, month: "short", day: "numeric" })}{" "}
                        {clockTime(r.startsAt, timeZone, "en-US")}–{clockTime(r.endsAt, timeZone, "en-US")}
                      </td>
                      <td>{r.serviceName}</td>
                      <td>
                        {r.therapistName} · {r.roomName}
                      </td>
                      <td>{STATUS_SHOWN[r.status]}</td>
                      <td className="note">{r.note ?? ""}</td>
                      <td>{r.action === "create" ? "added" : r.action === "update" ? "updated" : "unchanged"}</td>
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
