import { useTranslation } from "react-i18next";

const DIGITS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;

interface KeysProps {
  onKey: (key: string) => void;
  onDelete: () => void;
  onClear: () => void;
  disabled?: boolean;
}

/** A large on-screen number pad: guests never need a keyboard. */
export function Keypad({ onKey, onDelete, onClear, disabled = false }: KeysProps) {
  const { t } = useTranslation();
  return (
    <div className="keypad" role="group" aria-label={t("find.keypad")}>
      {DIGITS.map((k) => (
        <button key={k} type="button" className="key" disabled={disabled} onClick={() => onKey(k)}>
          {k}
        </button>
      ))}
      <button type="button" className="key key-secondary" disabled={disabled} onClick={onClear}>
        {t("find.clear")}
      </button>
      <button type="button" className="key" disabled={disabled} onClick={() => onKey("0")}>
        0
      </button>
      <DeleteKey disabled={disabled} onDelete={onDelete} />
    </div>
  );
}

/** Booking codes: digits and letters, in the order a phone keyboard shows them. */
const CODE_ROWS = ["1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"] as const;
/** First names: letters, the accented ones Spanish needs, and the marks names carry. */
const NAME_ROWS = ["QWERTYUIOP", "ASDFGHJKLÑ", "ZXCVBNM'-", "ÁÉÍÓÚÜÇ"] as const;

/**
 * An on-screen keyboard for booking codes ("code") or first names and words ("name"); `label` names it for screen
 * readers.
 */
export function LetterBoard({
  kind,
  label,
  onKey,
  onDelete,
  onClear,
  disabled = false,
}: KeysProps & { kind: "code" | "name"; label?: string }) {
  const { t } = useTranslation();
  const rows = kind === "code" ? CODE_ROWS : NAME_ROWS;
  return (
    <div
      className={`letterboard letterboard-${kind}`}
      role="group"
      aria-label={label ?? (kind === "code" ? t("find.keyboard") : t("walkIn.keyboard"))}
    >
      {rows.map((row) => (
        <div key={row} className="letter-row">
          {Array.from(row).map((k) => (
            <button key={k} type="button" className="key letter" disabled={disabled} onClick={() => onKey(k)}>
              {k}
            </button>
          ))}
        </div>
      ))}
      <div className="letter-row">
        <button type="button" className="key key-secondary wide" disabled={disabled} onClick={onClear}>
          {t("find.clear")}
        </button>
        {kind === "name" && (
          <button type="button" className="key key-secondary space" disabled={disabled} onClick={() => onKey(" ")}>
            {t("find.space")}
          </button>
        )}
        <DeleteKey disabled={disabled} onDelete={onDelete} wide />
      </div>
    </div>
  );
}

/** ⌫: takes the last character off, named for a screen reader in the guest's language. */
function DeleteKey({ disabled, onDelete, wide = false }: { disabled: boolean; onDelete: () => void; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className={wide ? "key key-secondary wide" : "key key-secondary"}
      disabled={disabled}
      onClick={onDelete}
      aria-label={t("find.delete")}
    >
      <span aria-hidden="true">⌫</span>
    </button>
  );
}
