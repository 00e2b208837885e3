import { useCallback, useEffect, useState } from "react";
import type { StaffAdmin as StaffRow } from "../../../contract/admin";
import type { StaffSummary } from "../../../contract/channels";
import type { Role } from "../../../contract/common";
import { call } from "../../common/api";
import { UnlockCodeDialog } from "../UnlockCode";
import { useAuthGuard } from "../useAuthGuard";
import { Field, FormBanner, toFormError, useFocusError, type FormError } from "./form";

type Guard = <T>(p: Promise<T>) => Promise<T>;
type PinMode = "generate" | "typed";

/** A PIN made up by the app, shown once: the manager reads it out, then it is gone. */
function IssuedPin({ who, pin, onDone }: { who: string; pin: string; onDone: () => void }) {
  return (
    <div className="overlay">
      <div
        className="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="pin-title"
        aria-describedby="pin-body"
      >
        <h2 id="pin-title">New PIN for {who}</h2>
        <p id="pin-body">
          <span className="issued-pin" data-testid="issued-pin">
            {pin}
          </span>
          <br />
          Shown once only. Give it to {who}; it can't be shown again (reset it if it is lost).
        </p>
        <button type="button" className="primary" autoFocus onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

/** Either "make one up" or the staff member types their own PIN (hidden, digits only). */
function PinChoice({
  mode,
  pin,
  setMode,
  setPin,
  error,
  name,
}: {
  mode: PinMode;
  pin: string;
  setMode: (m: PinMode) => void;
  setPin: (p: string) => void;
  error: FormError | null;
  name: string;
}) {
  return (
    <fieldset className="pin-choice">
      <legend>PIN</legend>
      <label className="check">
        <input type="radio" name={name} checked={mode === "generate"} onChange={() => setMode("generate")} /> Make up a
        PIN and show it once
      </label>
      <label className="check">
        <input type="radio" name={name} checked={mode === "typed"} onChange={() => setMode("typed")} /> The staff member
        types their own PIN
      </label>
      {mode === "typed" && (
        <Field label="New PIN (4–8 digits)" name="pin" error={error}>
          {(p) => (
            <input
              {...p}
              type="password"
              inputMode="numeric"
              autoComplete="new-password"
              maxLength={8}
              value={pin}
              onChange={(e) => setPin(e.target.value)}
            />
          )}
        </Field>
      )}
    </fieldset>
  );
}

function Row({
  row,
  me,
  guard,
  onChanged,
  onPin,
  onSteppedDown,
}: {
  row: StaffRow;
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
  const [mode, setMode] = useState<PinMode>("generate");
  const [pin, setPin] = useState("");
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
      const r = await guard(call("admin.resetPin", mode === "typed" ? { id: row.id, pin } : { id: row.id }));
      setResetting(false);
      setPin("");
      if (r.generatedPin) onPin(r.staff.name, r.generatedPin);
      return "PIN changed";
    });
  const label = row.name;
  return (
    <tr className={row.active ? undefined : "inactive"}>
      <td>
        <input
          aria-label={`Name of ${label}`}
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={error?.field === "name"}
        />
        {error?.field === "name" && (
          <span className="field-error" role="alert">
            {error.message}
          </span>
        )}
        {row.id === me.id && <span className="hint"> (you)</span>}
      </td>
      <td>
        <select
          aria-label={`Role of ${label}`}
          value={role}
          onChange={(e) => setRole(e.target.value === "manager" ? "manager" : "receptionist")}
          aria-invalid={error?.field === "role"}
        >
          <option value="receptionist">Receptionist</option>
          <option value="manager">Manager</option>
        </select>
        {error?.field === "role" && (
          <span className="field-error" role="alert">
            {error.message}
          </span>
        )}
      </td>
      <td>
        <label className="check">
          <input
            type="checkbox"
            aria-label={`${label} active`}
            checked={active}
            onChange={(e) => setActive(e.target.checked)}
            aria-invalid={error?.field === "active"}
          />{" "}
          Active
        </label>
        {error?.field === "active" && (
          <span className="field-error" role="alert">
            {error.message}
          </span>
        )}
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
              <PinChoice
                mode={mode}
                pin={pin}
                setMode={setMode}
                setPin={setPin}
                error={error}
                name={`pin-mode-${row.id}`}
              />
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

/**
 * Wrong PINs slow a PIN pad down (not a person): a manager clears every pad's delay here, e.g.
 * after a guest kept tapping the PIN pad opened from the kiosk.
 */
function UnlockPads({ guard }: { guard: Guard }) {
  const [status, setStatus] = useState<string | null>(null);
  const unlock = async () => {
    try {
      const r = await guard(call("staff.unlockPads", {}));
      setStatus(
        r.unlocked === 0
          ? "No PIN pad was waiting."
          : `Unlocked ${r.unlocked} PIN pad${r.unlocked === 1 ? "" : "s"}: they take PINs again now.`,
      );
    } catch (e) {
      setStatus(toFormError(e).message);
    }
  };
  return (
    <section className="admin-form narrow" aria-labelledby="pads-title">
      <h2 id="pads-title">PIN pads</h2>
      <p>
        After several wrong PINs, a screen waits longer and longer before it takes the next one. Unlock them all here.
      </p>
      <button type="button" className="secondary" onClick={() => void unlock()}>
        Unlock the PIN pads
      </button>
      {status && <p role="status">{status}</p>}
      <PadCode guard={guard} />
    </section>
  );
}

/**
 * The spa's unlock code: when nobody is signed in (one display: the kiosk's PIN pad is the only
 * one), staff open a waiting pad with it. Made here, shown once, kept behind the desk.
 */
function PadCode({ guard }: { guard: Guard }) {
  const [madeAt, setMadeAt] = useState<string | null | undefined>(undefined);
  const [shown, setShown] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    guard(call("staff.padCode", {})).then(
      (r) => setMadeAt(r.madeAt),
      (e: unknown) => setError(toFormError(e).message),
    );
  }, [guard]);
  const make = async () => {
    try {
      const r = await guard(call("staff.makePadCode", {}));
      setMadeAt(r.madeAt);
      setShown(r.code);
    } catch (e) {
      setError(toFormError(e).message);
    }
  };
  return (
    <>
      <h3 className="pad-code-title">Unlock code</h3>
      <p>
        When nobody is signed in to unlock the pads (one display: the kiosk&apos;s PIN pad is the only one), staff type
        the spa&apos;s unlock code on a waiting pad to open it at once. Keep it behind the desk, away from guests.
      </p>
      {madeAt !== undefined && (
        <p role="status" data-testid="pad-code-state">
          {madeAt === null
            ? "This spa has no unlock code yet: make it now, or a guest's wrong PINs can keep staff out for hours."
            : `The current code was made ${new Date(madeAt).toLocaleString()}. It is never shown again; a new code replaces it.`}
        </p>
      )}
      <button type="button" className={madeAt === null ? "primary" : "secondary"} onClick={() => void make()}>
        {madeAt ? "Make a new unlock code" : "Make the unlock code"}
      </button>
      {error && <p role="alert">{error}</p>}
      {shown && <UnlockCodeDialog code={shown} onDone={() => setShown(null)} />}
    </>
  );
}

export function StaffAdmin({ me, onAuthLost }: { me: StaffSummary; onAuthLost: () => void }) {
  const guard = useAuthGuard(onAuthLost);
  const [staff, setStaff] = useState<StaffRow[] | null>(null);
  const [issued, setIssued] = useState<{ who: string; pin: string } | null>(null);
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("receptionist");
  const [mode, setMode] = useState<PinMode>("generate");
  const [pin, setPin] = useState("");
  const [error, setError] = useState<FormError | null>(null);
  const formRef = useFocusError<HTMLFormElement>(error);
  const load = useCallback(() => {
    guard(call("admin.staff", {})).then(
      (r) => setStaff(r.staff),
      (e: unknown) => setError(toFormError(e)),
    );
  }, [guard]);
  useEffect(load, [load]);

  const add = async () => {
    try {
      const r = await guard(call("admin.createStaff", { name, role, ...(mode === "typed" ? { pin } : {}) }));
      setError(null);
      setName("");
      setPin("");
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
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {staff.map((s) => (
                <Row
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
      <form
        ref={formRef}
        className="admin-form narrow"
        aria-labelledby="add-staff-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
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
        <PinChoice mode={mode} pin={pin} setMode={setMode} setPin={setPin} error={error} name="pin-mode-new" />
        <button type="submit" className="primary">
          Add staff member
        </button>
      </form>
      <UnlockPads guard={guard} />
      {issued && <IssuedPin who={issued.who} pin={issued.pin} onDone={() => setIssued(null)} />}
    </div>
  );
}
