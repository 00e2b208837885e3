import { useState } from "react";
import { call } from "../../common/api";
import { download } from "../desk/download";
import { useAuthGuard } from "../useAuthGuard";
import { AdminForm, Field, FormBanner, toFormError, type FormError } from "./form";

/**
 * Back office → Guest data: a guest asks what the spa keeps of their preferences (pressure,
 * allergies, areas to avoid), or asks to be forgotten. By their phone number: export one JSON
 * file, then erase (asked twice). Both audited, with counts only.
 */
export function GuestDataAdmin({ onAuthLost }: { onAuthLost: () => void }) {
  const guard = useAuthGuard(onAuthLost);
  const [phone, setPhone] = useState("");
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const run = async (what: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await what());
    } catch (e) {
      setError(toFormError(e));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const exportData = () =>
    run(async () => {
      const file = await guard(call("guests.exportPreferences", { phone }));
      download(file.filename, file.mimeType, file.content);
      return file.visits === 0
        ? "Nothing is stored for this number."
        : `Exported the preferences of ${file.visits} visit(s).`;
    });
  const erase = () =>
    run(async () => {
      const { erased } = await guard(call("guests.erasePreferences", { phone }));
      return erased === 0
        ? "Nothing was stored for this number."
        : `Erased the preferences of ${erased} visit(s), and their tickets' alerts.`;
    });

  return (
    <div className="guest-data-admin">
      <h2 id="guest-data-title">Guest data</h2>
      <p className="hint">
        For a guest who asks what the spa keeps about them, or asks to be forgotten: the preferences they gave on the
        kiosk (pressure, allergies, areas to avoid). Retention erases them anyway with the guest&apos;s other details.
      </p>
      <AdminForm
        error={error}
        className="admin-form narrow"
        titleId="guest-data-title"
        onSubmit={() => void exportData()}
      >
        <FormBanner error={error} fields={["phone"]} />
        <Field label="Guest's mobile number" name="phone" error={error} hint="The whole number, as booked">
          {(p) => (
            <input
              {...p}
              inputMode="tel"
              autoComplete="off"
              value={phone}
              onChange={(e) => {
                setPhone(e.target.value);
                setConfirming(false);
              }}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || phone.trim() === ""}>
            Export
          </button>
          {confirming ? (
            <button type="button" className="danger" disabled={busy} onClick={() => void erase()}>
              Yes, erase them
            </button>
          ) : (
            <button
              type="button"
              className="secondary"
              disabled={busy || phone.trim() === ""}
              onClick={() => setConfirming(true)}
            >
              Erase…
            </button>
          )}
        </div>
        {done && (
          <p className="notice" role="status">
            {done}
          </p>
        )}
      </AdminForm>
    </div>
  );
}
