import { useTranslation } from "react-i18next";

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;

/** A large on-screen number pad: guests never need a keyboard. */
export function Keypad({ onDigit, onDelete, onClear }: { onDigit: (d: string) => void; onDelete: () => void; onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="keypad" role="group" aria-label={t("find.keypad")}>
      {KEYS.map((k) => (
        <button key={k} type="button" className="key" onClick={() => onDigit(k)}>
          {k}
        </button>
      ))}
      <button type="button" className="key key-secondary" onClick={onClear}>
        {t("find.clear")}
      </button>
      <button type="button" className="key" onClick={() => onDigit("0")}>
        0
      </button>
      <button type="button" className="key key-secondary" onClick={onDelete} aria-label={t("find.delete")}>
        ⌫
      </button>
    </div>
  );
}
