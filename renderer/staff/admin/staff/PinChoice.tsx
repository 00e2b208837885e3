import { PIN_DIGITS } from "../../../../contract/common";
import { Field, type FormError } from "../form";

/** "Make one up" (the app makes the PIN and shows it once) or the PIN the staff member typed. */
export interface PinChoiceValue {
  mode: "generate" | "typed";
  pin: string;
}
const PIN_MODES = [
  ["generate", "Make up a PIN and show it once"],
  ["typed", "The staff member types their own PIN"],
] as const;
export const MAKE_UP_PIN: PinChoiceValue = { mode: "generate", pin: "" };

/** The PIN to send with the request: the one typed, or none, and the app makes one up. */
export const typedPin = (c: PinChoiceValue): { pin?: string } => (c.mode === "typed" ? { pin: c.pin } : {});

/** Either "make one up" or the staff member types their own PIN (hidden, digits only). */
export function PinChoice({
  choice,
  onChange,
  error,
  name,
}: {
  choice: PinChoiceValue;
  onChange: (c: PinChoiceValue) => void;
  error: FormError | null;
  name: string;
}) {
  const { mode, pin } = choice;
  return (
    <fieldset className="pin-choice">
      <legend>PIN</legend>
      {PIN_MODES.map(([value, text]) => (
        <label key={value} className="check">
          <input
            type="radio"
            name={name}
            checked={mode === value}
            onChange={() => onChange({ ...choice, mode: value })}
          />{" "}
          {text}
        </label>
      ))}
      {mode === "typed" && (
        <Field label={`New PIN (${PIN_DIGITS.min}–${PIN_DIGITS.max} digits)`} name="pin" error={error}>
          {(p) => (
            <input
              {...p}
              type="password"
              inputMode="numeric"
              autoComplete="new-password"
              maxLength={PIN_DIGITS.max}
              value={pin}
              onChange={(e) => onChange({ ...choice, pin: e.target.value })}
            />
          )}
        </Field>
      )}
    </fieldset>
  );
}
