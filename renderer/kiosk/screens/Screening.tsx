import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { ScreeningAnswer } from "../../../contract/screening";
import "../../common/screening-questions.css";
import type { NotTodayScreen, ScreeningScreen } from "../flow/screen";
import { together } from "../flow/visit";
import { answer, canContinue, finish, goOnWithout, noneApplyShown, takeInstead } from "../flow/screening";
import { Heading, useKiosk } from "./shared";

/** An add-on's screening questions, before it is added (ScreeningQuestions), with the way back to the offer. */
export function Screening({ screen }: { screen: ScreeningScreen }) {
  const { t } = useTranslation();
  const { go, steps } = useKiosk();
  const card = screen.offer.visit.offer.cards.find((c) => c.addonId === screen.addonId);
  return (
    <>
      <Heading>{t("screening.title", { title: card?.title ?? "" })}</Heading>
      <ScreeningQuestions
        questions={card?.screening?.questions ?? []}
        answers={screen.answers}
        onAnswer={(i, a) => go(answer(screen, i, a))}
        onFinish={(all) => steps.proceed(finish(screen, all))}
      />
      <button type="button" className="secondary" onClick={() => go(screen.offer)}>
        {t("screening.back")}
      </button>
    </>
  );
}

/**
 * The questions as the kiosk asks them, drawn by the kiosk and by the back office's live preview:
 * Yes / No for each, large; "None of these apply to me" answers all of them in one tap; "I'd
 * rather not say" is always there.
 */
export function ScreeningQuestions({
  questions,
  answers,
  onAnswer,
  onFinish,
}: {
  questions: readonly { text: string }[];
  answers: readonly (ScreeningAnswer | null)[];
  onAnswer: (index: number, answer: "yes" | "no") => void;
  /** `all`: "no" for none apply, "skip" for rather not say; none: the answers as given. */
  onFinish: (all?: "no" | "skip") => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      <p className="lead">{t("screening.lead")}</p>
      <ol className="questions">
        {questions.map((q, i) => (
          <li key={i} className="question">
            <p id={`${id}-question-${i}`}>{q.text}</p>
            <div className="yes-no" role="group" aria-labelledby={`${id}-question-${i}`}>
              {(["yes", "no"] as const).map((a) => (
                <button
                  key={a}
                  type="button"
                  className={`segment${answers[i] === a ? " on" : ""}`}
                  aria-pressed={answers[i] === a}
                  onClick={() => onAnswer(i, a)}
                >
                  {t(`screening.${a}`)}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ol>
      <div className="screening-actions">
        {noneApplyShown({ answers }) && (
          <button type="button" className="primary big" onClick={() => onFinish("no")}>
            {t("screening.noneApply")}
          </button>
        )}
        {canContinue({ answers }) && (
          <button type="button" className="primary big" onClick={() => onFinish()}>
            {t("screening.continue")}
          </button>
        )}
        <button type="button" className="secondary big" onClick={() => onFinish("skip")}>
          {t("screening.ratherNot")}
        </button>
      </div>
      <p className="note">{t("screening.ratherNotHint")}</p>
    </>
  );
}

/** An add-on the answers say is not for today: said kindly, with the other add-on where it fits. */
export function NotToday({ screen }: { screen: NotTodayScreen }) {
  const { t } = useTranslation();
  const { lang, steps } = useKiosk();
  const cards = screen.offer.visit.offer.cards;
  const card = cards.find((c) => c.addonId === screen.addonId);
  const other = cards.find((c) => c.addonId === screen.alternative);
  const rest = cards.filter((c) => screen.wanted.includes(c.addonId));
  const busy = screen.offer.busy;
  return (
    <>
      <Heading>{t("notToday.title", { title: card?.title ?? "" })}</Heading>
      <p className="lead">{t("notToday.body")}</p>
      <div className="stack">
        {other && (
          <button
            type="button"
            className="choice-button"
            disabled={busy}
            onClick={() => steps.proceed(takeInstead(screen))}
          >
            <span>{t("notToday.instead", { title: other.title })}</span>
            <span className="detail">
              {t("offer.bothDetail", { price: together([other], lang).price, count: other.extraMinutes })}
            </span>
          </button>
        )}
        <button
          type="button"
          className="choice-button"
          disabled={busy}
          onClick={() => steps.proceed(goOnWithout(screen))}
        >
          {rest.length > 0 ? t("notToday.goOnWith", { list: together(rest, lang).list }) : t("notToday.goOn")}
        </button>
      </div>
    </>
  );
}
