import { CSV_STYLE_CHOICE, CSV_STYLES, type CsvStyle } from "../../../contract/csv";

/** Which spreadsheet a CSV is written for (contract/csv.ts `CsvStyle`): the location's export and head office's. */
export function CsvStyleField({
  id,
  value,
  onChange,
  disabled = false,
}: {
  id: string;
  value: CsvStyle;
  onChange: (style: CsvStyle) => void;
  disabled?: boolean;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{CSV_STYLE_CHOICE.label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as CsvStyle)} disabled={disabled}>
        {CSV_STYLES.map((style) => (
          <option key={style} value={style}>
            {CSV_STYLE_CHOICE.options[style]}
          </option>
        ))}
      </select>
    </div>
  );
}
