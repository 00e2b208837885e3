import { useId, useState } from "react";
import type {
  DateOrder,
  ImportField,
  ImportMapping,
  ImportPreview,
  ImportResult,
  ImportUnknownName,
} from "../../../../contract/desk";
import { call, messageOf } from "../../../common/api";
import { ActionMessages } from "../../ActionMessages";
import { useDialogKeys } from "../useDialogKeys";
import { ImportOutcome } from "./ImportOutcome";
import { IssueTable } from "./IssueTable";
import { MappingStep } from "./MappingStep";
import { MissingBookings } from "./MissingBookings";
import { PreviewTable } from "./PreviewTable";
import { readText } from "./readText";
import { readiness } from "./rules";
import { KIND_NOUN, UnknownNames } from "./UnknownNames";
import "./import.css";

/**
 * The desk's import of a booking system's CSV export: choose the file, check the mapping and the
 * preview (names to match, problems, the first rows), then import.
 */
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
  /** The bookings not in the file the receptionist chose to cancel, as the preview on screen was read with. */
  const [cancelIds, setCancelIds] = useState<number[]>([]);
  /** The box as ticked, shown at once while the preview is read again with the choice. */
  const [wantCancel, setWantCancel] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useDialogKeys(onClose);

  // Any other reading of the file (a column, the date order, a catalog name) lists its missing bookings afresh,
  // unticked: the choice covers only the list it was made on.
  const runPreview = async (text: string, mapping?: ImportMapping, order?: DateOrder, cancel: number[] = []) => {
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
            ...(cancel.length > 0 ? { cancelMissing: cancel } : {}),
          }),
        ),
      );
      setCancelIds(cancel);
      setWantCancel(cancel.length > 0);
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

  const chooseCancel = (cancel: boolean) => {
    if (!preview || content === null) return;
    setWantCancel(cancel);
    const ids = cancel ? preview.missing.filter((b) => !b.checkedIn).map((b) => b.appointmentId) : [];
    void runPreview(content, preview.mapping, dateOrder, ids);
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
            ...(cancelIds.length > 0 ? { cancelMissing: cancelIds } : {}),
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

  const { bad, mappingBroken, canImport } = readiness(preview, skipBad, busy, result);
  const cancelling = preview?.missing.filter((b) => !b.checkedIn && cancelIds.includes(b.appointmentId)).length ?? 0;

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
          file again updates appointments by their external ID, and cancels those the file marks cancelled; bookings
          imported before that a later file leaves out are listed, for you to cancel or keep.
        </p>
        <label className="file">
          CSV file
          <input type="file" accept=".csv,.txt,text/csv" onChange={(e) => void pick(e.target.files?.[0])} />
        </label>
        <ActionMessages error={error} ok={notice} />
        {result && <ImportOutcome result={result} />}
        {preview && (
          <>
            {preview.preset && (
              <p className="import-preset" role="note">
                {preview.preset.note}
              </p>
            )}
            <MappingStep preview={preview} dateOrder={dateOrder} onChooseOrder={chooseOrder} onRemap={remap} />
            <p role="status">
              {preview.totalRows} rows: {preview.validRows} ready
              {preview.bookings < preview.validRows ? ` as ${preview.bookings} bookings` : ""}
              {bad > 0 ? `, ${bad} with problems` : ""}
              {preview.warnings.length > 0 ? `, ${preview.warnings.length} to note` : ""}.
            </p>
            {preview.unknownNames.length > 0 && (
              <UnknownNames
                preview={preview}
                busy={busy}
                onMatch={(e, id) => void match(e, id)}
                onAdd={(e, mins, cents) => void add(e, mins, cents)}
              />
            )}
            {preview.missing.length > 0 && (
              <MissingBookings
                missing={preview.missing}
                timeZone={timeZone}
                chosen={wantCancel}
                busy={busy}
                onChoose={chooseCancel}
              />
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
            {preview.rows.length > 0 && <PreviewTable preview={preview} timeZone={timeZone} />}
            {bad > 0 && !mappingBroken && (
              <label className="check">
                <input type="checkbox" checked={skipBad} onChange={(e) => setSkipBad(e.target.checked)} />
                Skip the {bad} bad rows and import the other {preview.validRows}
              </label>
            )}
            <button type="button" className="primary" disabled={!canImport} onClick={() => void commit()}>
              Import {preview.bookings} appointments
              {cancelling > 0 ? ` and cancel ${cancelling} not in the file` : ""}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
