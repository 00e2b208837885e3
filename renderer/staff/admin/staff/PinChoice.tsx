import type { FormError } from "../form";
import { Field } from "../form";

export type PinMode = "generate" | "typed";

/** Either "make one up" or the staff member types their own PIN (hidden, digits only). */
export function PinChoice({
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
