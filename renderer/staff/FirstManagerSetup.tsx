import { useMemo, useState, type InputHTMLAttributes } from "react";
import type { StaffSummary } from "../../contract/channels";
import { languageChoiceLabel, otherLanguages, PIN_DIGITS, type OtherLanguage } from "../../contract/common";
import { call, messageOf } from "../common/api";
import { ApiError } from "../common/api-error";
import { UnlockCodeShown } from "./UnlockCode";
import "./setup.css";

/** The machine's own time zone, as the operating system reports it: the first guess, to be confirmed. */
const machineZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;
const zones = (): string[] => {
  const all = Intl.supportedValuesOf("timeZone");
  return all.includes("UTC") ? all : [...all, "UTC"];
};

type SetupInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, "onChange"> & {
  label: string;
  invalid: boolean | undefined;
  onValue: (value: string) => void;
};

/** A labelled input of the setup form (no autofill unless asked), marked invalid when the refusal names its field. */
function SetupInput({ label, invalid, onValue, autoComplete = "off", ...input }: SetupInputProps) {
  return (
    <label>
      {label}
      <input {...input} autoComplete={autoComplete} aria-invalid={invalid} onChange={(e) => onValue(e.target.value)} />
    </label>
  );
}

/** A PIN typed hidden: digits only, 8 at the most. */
function PinInput({ label, value, invalid, onValue }: Omit<SetupInputProps, "type">) {
  return (
    <SetupInput
      label={label}
      type="password"
      inputMode="numeric"
      autoComplete="new-password"
      value={value}
      invalid={invalid}
      onValue={(v) => onValue(v.replace(/\D/g, "").slice(0, PIN_DIGITS.max))}
    />
  );
}

/**
 * First run: the spa itself (name, time zone guessed from this computer and confirmed, the kiosk's
 * languages) and its first manager (name + PIN, twice). The spa starts with the face and scalp
 * add-ons, with their default copy in every language. Then the spa's unlock code, made with the
 * manager and shown this once: the manager is signed in when they have written it down.
 */
export function FirstManagerSetup({
  spaName: defaultName,
  onLogin,
}: {
  spaName: string;
  onLogin: (s: StaffSummary) => void;
}) {
  const guessed = useMemo(machineZone, []);
  const zoneList = useMemo(zones, []);
  const [spaName, setSpaName] = useState(defaultName);
  const [timeZone, setTimeZone] = useState(guessed);
  const [languages, setLanguages] = useState<OtherLanguage[]>([]);
  const [name, setName] = useState("");
  const [pin, setPin] = useState("");
  const [pinAgain, setPinAgain] = useState("");
  const [error, setError] = useState<{ field: string | undefined; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [made, setMade] = useState<{ staff: StaffSummary; code: string } | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await call("staff.createFirstManager", {
        spaName,
        timeZone,
        otherLanguages: languages,
        name,
        pin,
        pinAgain,
      });
      setMade({ staff: r.staff, code: r.unlockCode.code });
    } catch (e) {
      setError({ field: e instanceof ApiError ? e.field : undefined, message: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };
  const invalid = (field: string) => (error?.field === field ? true : undefined);
  const toggle = (lang: OtherLanguage, on: boolean) =>
    setLanguages((now) => (on ? [...now.filter((l) => l !== lang), lang] : now.filter((l) => l !== lang)));

  if (made)
    return (
      <main className="staff login setup">
        <h1>Your spa is set up</h1>
        <UnlockCodeShown code={made.code} onDone={() => onLogin(made.staff)} />
      </main>
    );

  return (
    <main className="staff login setup">
      <h1>Set up your spa</h1>
      <p>
        There is no manager yet. Tell the app about the spa and create the first manager: they sign in with this PIN and
        can add the rest of the team. The spa starts with the face and scalp massage add-ons, ready to edit in the back
        office.
      </p>
      <form
        className="pin setup-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset>
          <legend>The spa</legend>
          <SetupInput
            label="Spa name (on the kiosk's welcome screen and the tickets)"
            value={spaName}
            maxLength={80}
            autoComplete="organization"
            invalid={invalid("spaName")}
            onValue={setSpaName}
          />
          <label>
            Time zone
            <select
              value={timeZone}
              aria-invalid={invalid("timeZone")}
              aria-describedby="zone-guess"
              onChange={(e) => setTimeZone(e.target.value)}
            >
              {zoneList.map((z) => (
                <option key={z} value={z}>
                  {z.replaceAll("_", " ")}
                </option>
              ))}
            </select>
          </label>
          <p id="zone-guess" className="hint">
            {timeZone === guessed
              ? `Guessed from this computer's clock: ${guessed.replaceAll("_", " ")}. Change it if the spa is elsewhere.`
              : `This computer says ${guessed.replaceAll("_", " ")}; the spa's times will be shown in ${timeZone.replaceAll("_", " ")}.`}
          </p>
          <fieldset className="setup-languages">
            <legend>Kiosk languages</legend>
            <label className="check">
              <input type="checkbox" checked disabled /> English (always offered first)
            </label>
            {otherLanguages.map((lang) => (
              <label key={lang} className="check">
                <input
                  type="checkbox"
                  checked={languages.includes(lang)}
                  onChange={(e) => toggle(lang, e.target.checked)}
                />{" "}
                {languageChoiceLabel(lang)}
              </label>
            ))}
          </fieldset>
        </fieldset>
        <fieldset>
          <legend>The first manager</legend>
          <SetupInput label="Manager's name" value={name} maxLength={60} invalid={invalid("name")} onValue={setName} />
          <PinInput label="PIN (4 to 8 digits)" value={pin} invalid={invalid("pin")} onValue={setPin} />
          <PinInput label="Same PIN again" value={pinAgain} invalid={invalid("pinAgain")} onValue={setPinAgain} />
        </fieldset>
        {error && (
          <p className="error" role="alert">
            {error.message}
          </p>
        )}
        <button
          type="submit"
          className="primary"
          disabled={
            busy ||
            spaName.trim() === "" ||
            name.trim().length < 2 ||
            pin.length < PIN_DIGITS.min ||
            pinAgain.length < PIN_DIGITS.min
          }
        >
          Save the spa, create the manager and sign in
        </button>
      </form>
    </main>
  );
}
