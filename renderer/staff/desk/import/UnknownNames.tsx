import { useState } from "react";
import type { ImportCatalogKind, ImportPreview, ImportUnknownName } from "../../../../contract/desk";
import { newEntryPrice } from "./rules";
import { TableHead } from "../../TableHead";

export const KIND_NOUN: Record<ImportCatalogKind, string> = {
  service: "service",
  therapist: "therapist",
  room: "room",
};

interface Actions {
  busy: boolean;
  onMatch: (entry: ImportUnknownName, targetId: number) => void;
  onAdd: (entry: ImportUnknownName, minutes: number, priceCents: number) => void;
}

/** One name the catalog doesn't know: match it to an entry (remembered), or, for a manager, add it. */
function UnknownNameRow({
  entry,
  preview,
  busy,
  onMatch,
  onAdd,
}: Actions & { entry: ImportUnknownName; preview: ImportPreview }) {
  const [target, setTarget] = useState("");
  const [minutes, setMinutes] = useState(String(entry.minutes ?? 60));
  const [price, setPrice] = useState("");
  const noun = KIND_NOUN[entry.kind];
  const priceCents = newEntryPrice(entry.kind, minutes, price);
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
              disabled={busy || priceCents === null}
              onClick={() => priceCents !== null && onAdd(entry, Number(minutes), priceCents)}
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

/** The names in the file the catalog doesn't know, one row each. */
export function UnknownNames({ preview, ...actions }: Actions & { preview: ImportPreview }) {
  return (
    <table className="import-table import-unknown">
      <caption>
        Names not in the catalog — match each once (remembered for later imports)
        {preview.canAddToCatalog ? " or add it" : ""}
      </caption>
      <TableHead columns={["Kind", "In the file", "Used by", "Is the catalog's", "Or"]} actions={false} />
      <tbody>
        {preview.unknownNames.map((u) => (
          <UnknownNameRow key={`${u.kind}:${u.name}`} entry={u} preview={preview} {...actions} />
        ))}
      </tbody>
    </table>
  );
}
