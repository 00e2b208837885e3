import {
  importFields,
  IMPORT_FIELD_LABELS,
  type DateOrder,
  type ImportField,
  type ImportPreview,
} from "../../../../contract/desk";

/** How dates like 03/12/2026 are read: shown when the file has such dates, asked when they can't tell. */
function DateOrderChoice({
  preview,
  dateOrder,
  onChoose,
}: {
  preview: ImportPreview;
  dateOrder: DateOrder | undefined;
  onChoose: (order: DateOrder) => void;
}) {
  const askOrder = preview.dateOrder.from === "ask";
  if (preview.dateOrder.from === "not-needed" || (preview.dateOrder.order === null && !askOrder)) return null;
  const order = dateOrder ?? preview.dateOrder.order;
  return (
    <fieldset className="import-date-order">
      <legend>Dates like 03/12/2026 are</legend>
      <label>
        <input type="radio" name="date-order" checked={order === "day-first"} onChange={() => onChoose("day-first")} />
        day first (3 December)
      </label>
      <label>
        <input
          type="radio"
          name="date-order"
          checked={order === "month-first"}
          onChange={() => onChoose("month-first")}
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
  );
}

/** The mapping step: the date order where it matters, and which column of the file is which field. */
export function MappingStep({
  preview,
  dateOrder,
  onChooseOrder,
  onRemap,
}: {
  preview: ImportPreview;
  dateOrder: DateOrder | undefined;
  onChooseOrder: (order: DateOrder) => void;
  onRemap: (field: ImportField, column: string) => void;
}) {
  return (
    <>
      <DateOrderChoice preview={preview} dateOrder={dateOrder} onChoose={onChooseOrder} />
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
            {IMPORT_FIELD_LABELS[f]}
            <select value={preview.mapping[f] ?? ""} onChange={(e) => onRemap(f, e.target.value)}>
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
    </>
  );
}
