import { useCallback, useEffect, useState } from "react";
import type { StaffAdmin as StaffMember } from "../../../../contract/admin";
import type { StaffSummary } from "../../../../contract/channels";
import type { Role } from "../../../../contract/common";
import { AlertDialog } from "../../../common/AlertDialog";
import { call } from "../../../common/api";
import { TableHead } from "../../TableHead";
import { useAuthGuard } from "../../useAuthGuard";
import { AdminForm, Field, FormBanner, toFormError, type FormError } from "../form";
import { MAKE_UP_PIN, PinChoice, typedPin } from "./PinChoice";
import { StaffRow } from "./StaffRow";
import { UnlockPads } from "./UnlockPads";

/** A PIN made up by the app, shown once: the manager reads it out, then it is gone. */
function IssuedPin({ who, pin, onDone }: { who: string; pin: string; onDone: () => void }) {
  return (
    <AlertDialog
      title={`New PIN for ${who}`}
      body={
        <>
          <span className="issued-pin" data-testid="issued-pin">
            {pin}
          </span>
          <br />
          Shown once only. Give it to {who}; it can&apos;t be shown again (reset it if it is lost).
        </>
      }
      action="Done"
      onAction={onDone}
    />
  );
}

/** Back office › Staff: the team (each row its own editor and PIN reset), adding a member, the PIN pads. */
export function StaffAdmin({ me, onAuthLost }: { me: StaffSummary; onAuthLost: () => void }) {
  const guard = useAuthGuard(onAuthLost);
  const [staff, setStaff] = useState<StaffMember[] | null>(null);
  const [issued, setIssued] = useState<{ who: string; pin: string } | null>(null);
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("receptionist");
  const [pinChoice, setPinChoice] = useState(MAKE_UP_PIN);
  const [error, setError] = useState<FormError | null>(null);
  const load = useCallback(() => {
    guard(call("admin.staff", {})).then(
      (r) => setStaff(r.staff),
      (e: unknown) => setError(toFormError(e)),
    );
  }, [guard]);
  useEffect(load, [load]);

  const add = async () => {
    try {
      const r = await guard(call("admin.createStaff", { name, role, ...typedPin(pinChoice) }));
      setError(null);
      setName("");
      setPinChoice((c) => ({ ...c, pin: "" }));
      if (r.generatedPin) setIssued({ who: r.staff.name, pin: r.generatedPin });
      load();
    } catch (e) {
      setError(toFormError(e));
    }
  };

  return (
    <div className="staff-admin">
      <section aria-labelledby="team-title">
        <h2 id="team-title">Team</h2>
        <p className="hint">
          Staff are never deleted: deactivate them and their name stays on the history they wrote. At least one active
          manager always remains.
        </p>
        {staff && (
          <table className="admin-table">
            <TableHead columns={["Name", "Role", "Status", "Actions"]} actions={false} />
            <tbody>
              {staff.map((s) => (
                <StaffRow
                  key={s.id}
                  row={s}
                  me={me}
                  guard={guard}
                  onChanged={load}
                  onPin={(who, p) => setIssued({ who, pin: p })}
                  onSteppedDown={onAuthLost}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>
      <AdminForm error={error} className="admin-form narrow" titleId="add-staff-title" onSubmit={() => void add()}>
        <h2 id="add-staff-title">Add a staff member</h2>
        <FormBanner error={error} fields={["name", "role", "pin"]} />
        <Field label="Full name" name="name" error={error}>
          {(p) => (
            <input {...p} value={name} maxLength={100} autoComplete="off" onChange={(e) => setName(e.target.value)} />
          )}
        </Field>
        <Field label="Role" name="role" error={error}>
          {(p) => (
            <select
              {...p}
              value={role}
              onChange={(e) => setRole(e.target.value === "manager" ? "manager" : "receptionist")}
            >
              <option value="receptionist">Receptionist</option>
              <option value="manager">Manager</option>
            </select>
          )}
        </Field>
        <PinChoice choice={pinChoice} onChange={setPinChoice} error={error} name="pin-mode-new" />
        <button type="submit" className="primary">
          Add staff member
        </button>
      </AdminForm>
      <UnlockPads guard={guard} />
      {issued && <IssuedPin who={issued.who} pin={issued.pin} onDone={() => setIssued(null)} />}
    </div>
  );
}
