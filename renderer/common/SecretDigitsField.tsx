/**
 * A secret typed as digits, hidden: a staff PIN or the spa's unlock code (the staff PIN pad, the recovery screen).
 * Only digits are kept, at most `digits` of them (the contract's limit for what is typed).
 */
export function SecretDigitsField({
  label,
  digits,
  value,
  onValue,
  invalid,
  describedBy,
}: {
  label: string;
  digits: number;
  value: string;
  onValue: (digits: string) => void;
  invalid: boolean;
  describedBy?: string | undefined;
}) {
  return (
    <label>
      {label}
      <input
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={digits}
        value={value}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(e) => onValue(e.target.value.replace(/\D/g, "").slice(0, digits))}
      />
    </label>
  );
}
