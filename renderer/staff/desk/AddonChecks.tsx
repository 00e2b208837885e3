import type { DeskOptions } from "../../../contract/channels";
import { money } from "../../common/format";

/**
 * The desk's add-on checkboxes (title, price, extra minutes): the appointment's Change and the walk-in form. `booked`:
 * the add-ons booked ahead in the booking system, ticked and not to be changed here (the booking holds their time).
 */
export function AddonChecks({
  addons,
  selected,
  onChange,
  booked = [],
}: {
  addons: DeskOptions["addons"];
  selected: number[];
  onChange: (selected: number[]) => void;
  booked?: number[];
}) {
  const toggle = (id: number) => onChange(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);
  return (
    <>
      {addons.map((a) =>
        booked.includes(a.id) ? (
          <label key={a.id} className="check">
            <input type="checkbox" checked disabled />
            {a.title} <small>booked ahead in the booking system</small>
          </label>
        ) : (
          <label key={a.id} className="check">
            <input type="checkbox" checked={selected.includes(a.id)} onChange={() => toggle(a.id)} />
            {a.title}{" "}
            <small>
              {money(a.priceCents, "en-US")} · +{a.extraMinutes} min
            </small>
          </label>
        ),
      )}
    </>
  );
}
