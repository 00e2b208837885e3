import type { AddonAdmin } from "../../../../contract/admin";
import { dollars } from "../form";

/** The spa's add-ons, the one being edited marked, and "New add-on". */
export function AddonList({
  addons,
  selected,
  onSelect,
  onNew,
}: {
  addons: AddonAdmin[];
  selected: number | undefined;
  onSelect: (addon: AddonAdmin) => void;
  onNew: () => void;
}) {
  return (
    <nav className="admin-list" aria-label="Add-ons">
      <ul>
        {addons.map((a) => (
          <li key={a.id}>
            <button
              type="button"
              className={a.id === selected ? "choice active" : "choice"}
              aria-current={a.id === selected ? "true" : undefined}
              onClick={() => onSelect(a)}
            >
              <strong>{a.texts.en.title}</strong>
              <span>{`$${dollars(a.priceCents)} · +${a.extraMinutes} min${a.active ? "" : " · inactive"}`}</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="secondary" onClick={onNew}>
        New add-on
      </button>
    </nav>
  );
}
