import type { RefObject } from "react";

interface Props {
  /** How many rows "To do" shows (null: the day's list is still coming), and whether it is on. */
  toDo: number | null;
  toDoOnly: boolean;
  onToDo: () => void;
  search: string;
  onSearch: (s: string) => void;
  searchBox: RefObject<HTMLInputElement | null>;
  onWalkIn: () => void;
  onImport: () => void;
  onExport: () => void;
  muted: boolean;
  onSound: () => void;
}

/** The desk's tools beside its title: To do, Find a guest, Walk-in, Import, Export, Sound. */
export function DeskTools(p: Props) {
  return (
    <div className="desk-tools">
      <button type="button" className="secondary todo" aria-pressed={p.toDoOnly} onClick={p.onToDo}>
        To do ({p.toDo ?? "…"})
      </button>
      <label className="desk-search">
        Find a guest
        <input
          ref={p.searchBox}
          type="search"
          value={p.search}
          onChange={(e) => p.onSearch(e.target.value)}
          placeholder="Name, therapist, room…"
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <button type="button" className="secondary" onClick={p.onWalkIn}>
        Walk-in
      </button>
      <button type="button" className="secondary" onClick={p.onImport}>
        Import appointments
      </button>
      <button type="button" className="secondary" onClick={p.onExport}>
        Export add-ons for POS
      </button>
      <button type="button" className="secondary" aria-pressed={!p.muted} onClick={p.onSound}>
        {p.muted ? "Sound off" : "Sound on"}
      </button>
    </div>
  );
}
