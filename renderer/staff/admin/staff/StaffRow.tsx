import { useState } from "react";
import type { StaffAdmin as StaffMember } from "../../../../contract/admin";
import type { StaffSummary } from "../../../../contract/channels";
import type { Role } from "../../../../contract/common";
import { call } from "../../../common/api";
import type { Guard } from "../../useAuthGuard";
import { cellInvalid, NameCell } from "../cells";
import { FieldError, FormBanner, toFormError, type FormError } from "../form";
import { MAKE_UP_PIN, PinChoice, typedPin } from "./PinChoice";

/** One staff member: name, role and active, saved together; a PIN reset under the row's actions. */
export function StaffRow({
  row,
  me,
  guard,
  onChanged,
  onPin,
  onSteppedDown,
}: {
  row: StaffMember;
  me: StaffSummary;
  guard: Guard;
  onChanged: () => void;
  onPin: (who: string, pin: string) => void;
  onSteppedDown: () => void;
}) {
  const [name, setName] = useState(row.name);
  const [role, setRole] = useState<Role>(row.role);
  const [active, setActive] = useState(row.active);
  const [error, setError] = useState<FormError | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [resetting, setResetting] = useState(false);
  const [pinChoice, setPinChoice] = useState(MAKE_UP_PIN);
  const run = async (action: () => Promise<string>) => {
    setStatus(null);
    try {
      setStatus(await action());
      setError(null);
      onChanged();
    } catch (e) {
      setError(toFormError(e));
    }
  };
  const save = () =>
    run(async () => {
      await guard(call("admin.saveStaff", { id: row.id, name, role, active }));
      // A manager who stepped down (or deactivated themselves) leaves the back office at once.
      if (row.id === me.id && (role !== "manager" || !active)) {
        await call("staff.logout", {});
        onSteppedDown();
      }
      return "Saved";
    });
  const reset = () =>
    run(async () => {
      const r = await guard(call("admin.resetPin", { id: row.id, ...typedPin(pinChoice) }));
      setResetting(false);
      setPinChoice((c) => ({ ...c, pin: "" }));
      if (r.generatedPin) onPin(r.staff.name, r.generatedPin);
      return "PIN changed";
    });
  const label = row.name;
  const key = `staff-${row.id}`;
  return (
    <tr className={row.active ? undefined : "inactive"}>
      <td>
        <NameCell label={label} rowKey={key} value={name} error={error} onValue={setName} />
        {row.id === me.id && <span className="hint"> (you)</span>}
      </td>
      <td>
        <select
          aria-label={`Role of ${label}`}
          value={role}
          onChange={(e) => setRole(e.target.value === "manager" ? "manager" : "receptionist")}
          {...cellInvalid(error, "role", `${key}-role`)}
        >
          <option value="receptionist">Receptionist</option>
          <option value="manager">Manager</option>
        </select>
        <FieldError id={`${key}-role`} error={error} field="role" />
      </td>
      <td>
        <label className="check">
          <input
            type="checkbox"
            aria-label={`${label} active`}
            checked={active}
            onChange={(e) => setActive(e.target.checked)}
            {...cellInvalid(error, "active", `${key}-active`)}
          />{" "}
          Active
        </label>
        <FieldError id={`${key}-active`} error={error} field="active" />
      </td>
      <td>
        <div className="actions">
          <button type="button" className="secondary" onClick={() => void save()}>
            Save
          </button>
          {row.active && (
            <button
              type="button"
              className="secondary"
              onClick={() => setResetting(!resetting)}
              aria-expanded={resetting}
            >
              Reset PIN
            </button>
          )}
          {status && (
            <span role="status" className="saved">
              {status}
            </span>
          )}
          <FormBanner error={error} fields={["name", "role", "active", "pin"]} />
          {resetting && (
            <div className="reset-pin">
              <PinChoice choice={pinChoice} onChange={setPinChoice} error={error} name={`pin-mode-${row.id}`} />
              <button type="button" className="primary" onClick={() => void reset()}>
                Set new PIN for {row.name}
              </button>
            </div>
          )}
        </div>
      </td>
    </tr>
  );
}
