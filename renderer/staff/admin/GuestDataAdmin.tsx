import { useState } from "react";
import type { GuestOnPhone, GuestWho } from "../../../contract/preferences";
import { call } from "../../common/api";
import { phoneText } from "../../common/format";
import { download } from "../desk/download";
import { useAuthGuard } from "../useAuthGuard";
import { AdminForm, Field, FormBanner, toFormError, type FormError } from "./form";
import { erasedText, eraseQuestion, exportedText, storedOf, type GuestTarget } from "./guestDataText";
import { GuestPeople, type GuestPick } from "./GuestPeople";
import "./guest-data.css";

/** The people found on a number, and the number as typed when they were. */
interface Found {
  phone: string;
  people: GuestOnPhone[];
}

/** Whose request the pick names among those found; one person needs no pick. */
function targetOf(found: Found, pick: GuestPick): GuestTarget | null {
  const [only] = found.people;
  if (found.people.length === 1 && only) return { kind: "person", person: only };
  if (pick?.kind === "everyone") return { kind: "everyone", people: found.people };
  const person = pick?.kind === "person" ? found.people.find((p) => p.name === pick.name) : undefined;
  return person ? { kind: "person", person } : null;
}

const whoOf = (t: GuestTarget): GuestWho =>
  t.kind === "person" ? { kind: "person", name: t.person.name } : { kind: "everyone" };

/**
 * Back office → Guest data: a guest asks what the spa keeps of their preferences (pressure, allergies, areas to
 * avoid), or asks to be forgotten. By their phone number: the people booked on it are listed (a family shares one),
 * the manager picks whose request it is, then exports that person's as one JSON file or erases them (said exactly,
 * asked twice). Both audited, with counts only.
 */
export function GuestDataAdmin({ onAuthLost }: { onAuthLost: () => void }) {
  const guard = useAuthGuard(onAuthLost);
  const [phone, setPhone] = useState("");
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [found, setFound] = useState<Found | null>(null);
  const [pick, setPick] = useState<GuestPick>(null);
  const [confirming, setConfirming] = useState(false);
  const target = found && targetOf(found, pick);

  const run = async (what: () => Promise<string | null>) => {
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
  const lookUp = (number: string) => guard(call("guests.onPhone", { phone: number }));
  const find = () =>
    run(async () => {
      const { people } = await lookUp(phone);
      setFound({ phone, people });
      setPick(null);
      return people.length === 0
        ? `Nobody is booked on ${phoneText(phone)}. Check the number with the guest: the whole number, as they booked.`
        : null;
    });
  const exportData = (t: GuestTarget, number: string) =>
    run(async () => {
      const file = await guard(call("guests.exportPreferences", { phone: number, who: whoOf(t) }));
      download(file.filename, file.mimeType, file.content);
      return exportedText(t, file.visits);
    });
  const erase = (t: GuestTarget, number: string) =>
    run(async () => {
      const { erased } = await guard(call("guests.erasePreferences", { phone: number, who: whoOf(t) }));
      const { people } = await lookUp(number);
      setFound({ phone: number, people });
      return erasedText(t, erased);
    });
  const stored = target ? storedOf(target).visits : 0;

  return (
    <div className="guest-data-admin">
      <h2 id="guest-data-title">Guest data</h2>
      <p className="hint">
        For a guest who asks what the spa keeps about them, or asks to be forgotten: the preferences they gave on the
        kiosk (pressure, allergies, areas to avoid). Retention erases them anyway with the guest&apos;s other details.
      </p>
      <AdminForm error={error} className="admin-form narrow" titleId="guest-data-title" onSubmit={() => void find()}>
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
                setFound(null);
                setDone(null);
                setConfirming(false);
              }}
            />
          )}
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy || phone.trim() === ""}>
            Find
          </button>
        </div>
        {found && found.people.length > 0 && (
          <GuestPeople
            people={found.people}
            pick={pick}
            onPick={(p) => {
              setPick(p);
              setConfirming(false);
              setDone(null);
            }}
          />
        )}
        {found && target && (
          <div className="actions">
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void exportData(target, found.phone)}
            >
              Export
            </button>
            {!confirming && (
              <button
                type="button"
                className="secondary"
                disabled={busy}
                onClick={() => {
                  setConfirming(true);
                  setDone(null);
                }}
              >
                Erase…
              </button>
            )}
          </div>
        )}
        {found && target && confirming && (
          <div className="erase-confirm" role="group" aria-labelledby="guest-erase-question">
            <p id="guest-erase-question">
              <bdi>{eraseQuestion(target)}</bdi>
            </p>
            <div className="actions">
              {stored > 0 && (
                <button
                  type="button"
                  className="danger"
                  disabled={busy}
                  onClick={() => void erase(target, found.phone)}
                >
                  Yes, erase them
                </button>
              )}
              <button type="button" className="secondary" disabled={busy} onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          </div>
        )}
        {done && (
          <p className="notice" role="status">
            <bdi>{done}</bdi>
          </p>
        )}
      </AdminForm>
    </div>
  );
}
