import type { DeskOptions } from "../../../contract/channels";
import { money } from "../../common/format";

/** The desk's add-on checkboxes (title, price, extra minutes): the appointment's Change and the walk-in form. */
export function AddonChecks({
  addons,
  selected,
  onChange,
}: {
  addons: DeskOptions["addons"];
  selected: number[];
  onChange: (selected: number[]) => void;
}) {
  const toggle = (id: number) => onChange(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);
  return (
    <>
      {addons.map((a) => (
        <label key={a.id} className="check">
          <input type="checkbox" checked={selected.includes(a.id)} onChange={() => toggle(a.id)} />
          {a.title}{" "}
          <small>
            {money(a.priceCents, "en-US")} · +{a.extraMinutes} min
          </small>
        </label>
      ))}
    </>
  );
}
