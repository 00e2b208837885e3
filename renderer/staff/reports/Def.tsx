import { useId, useState } from "react";
import { FIGURES, type FigureKey } from "../../../contract/reports";

/** The definition's width (reports.css `.def-tip`). */
const TIP_WIDTH_REM = 22;

/** A figure's name that shows its definition (contract FIGURES) on hover and keyboard focus. */
export function Def({ k, children }: { k: FigureKey; children: React.ReactNode }) {
  const id = useId();
  // A definition opens to the right of its term, or to the left when the window ends first (a
  // figure in the last column): it never makes the page scroll sideways.
  const [toLeft, setToLeft] = useState(false);
  const place = (e: React.SyntheticEvent<HTMLElement>) => {
    const term = e.currentTarget.getBoundingClientRect();
    const tip = Math.min(
      TIP_WIDTH_REM * parseFloat(getComputedStyle(document.documentElement).fontSize),
      window.innerWidth * 0.8,
    );
    setToLeft(term.left + tip > window.innerWidth - 8 && term.right - tip >= 0);
  };
  return (
    <span className="def" onFocus={place} onPointerEnter={place}>
      <button type="button" className="def-term" aria-describedby={id}>
        {children}
      </button>
      <span role="tooltip" id={id} className={toLeft ? "def-tip to-left" : "def-tip"}>
        {FIGURES[k]}
      </span>
    </span>
  );
}
