import { useState } from "react";
import type { StaffSummary } from "../../contract/channels";
import { ApiError, call, messageOf } from "../common/api";

/** First run: there is no manager yet, so the first one is created here (name + PIN, twice). */
export function FirstManagerSetup({ spaName, onLogin }: { spaName: string; onLogin: (s: StaffSummary) => void }) {
  const [name, setName] = useState("");
  const [pin, setPin] = useState("");
  const [pinAgain, setPinAgain] = useState("");
  const [error, setError] = useState<{ field: string | undefined; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onLogin(await call("staff.createFirstManager", { name, pin, pinAgain }));
    } catch (e) {
      setError({ field: e instanceof ApiError ? e.field : undefined, message: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };
  const digits = (v: string) => v.replace(/\D/g, "").slice(0, 8);
  const invalid = (field: string) => (error?.field === field ? true : undefined);

  return (
    <main className="staff login setup">
      <h1>Welcome to {spaName}</h1>
      <p>There is no manager yet. Create the first manager: they sign in with this PIN and can add the rest of the team.</p>
      <form className="pin" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <label>
          Manager's name
          <input value={name} maxLength={60} autoComplete="off" aria-invalid={invalid("name")} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          PIN (4 to 8 digits)
          <input type="password" inputMode="numeric" autoComplete="new-password" value={pin} aria-invalid={invalid("pin")} onChange={(e) => setPin(digits(e.target.value))} />
        </label>
        <label>
          Same PIN again
          <input type="password" inputMode="numeric" autoComplete="new-password" value={pinAgain} aria-invalid={invalid("pinAgain")} onChange={(e) => setPinAgain(digits(e.target.value))} />
        </label>
        {error && <p className="error" role="alert">{error.message}</p>}
        <button type="submit" className="primary" disabled={busy || name.trim().length < 2 || pin.length < 4 || pinAgain.length < 4}>
          Create manager and sign in
        </button>
      </form>
    </main>
  );
}
