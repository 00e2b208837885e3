import { PAD_CODE_DIGITS } from "../../contract/staff";

/**
 * The spa's unlock code, typed hidden: digits only, as many as the code has (the staff PIN pad, the recovery screen).
 */
export function UnlockCodeField({
  value,
  onValue,
  invalid,
  describedBy,
}: {
  value: string;
  onValue: (code: string) => void;
  invalid: boolean;
  describedBy?: string | undefined;
}) {
  return (
    <label>
      Unlock code
      <input
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={PAD_CODE_DIGITS}
        value={value}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(e) => onValue(e.target.value.replace(/\D/g, "").slice(0, PAD_CODE_DIGITS))}
      />
    </label>
  );
}
