import type { ReportFunnel } from "../../../contract/reports";
import { Def } from "./Def";
import { num, pct } from "./format";

const FUNNEL_LABEL = {
  offered: "Offered",
  accepted: "Accepted",
  confirmed: "Add-on confirmed",
  printed: "Ticket printed",
} as const;
const FUNNEL_DEF = {
  offered: "funnelOffered",
  accepted: "funnelAccepted",
  confirmed: "funnelConfirmed",
  printed: "funnelPrinted",
} as const;

export function Funnel({ funnel }: { funnel: ReportFunnel }) {
  const top = funnel.steps[0]?.count ?? 0;
  return (
    <section className="funnel" aria-labelledby="funnel-title">
      <h2 id="funnel-title">Funnel</h2>
      <table className="report-table">
        <caption className="visually-hidden">Offered to ticket printed, with drop-off per step</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Guests</th>
            <th scope="col">
              <Def k="dropOff">Drop-off</Def>
            </th>
            <th scope="col">Of those offered</th>
          </tr>
        </thead>
        <tbody>
          {funnel.steps.map((s) => (
            <tr key={s.key}>
              <th scope="row">
                <Def k={FUNNEL_DEF[s.key]}>{FUNNEL_LABEL[s.key]}</Def>
              </th>
              <td>{num(s.count)}</td>
              <td>{s.dropOffRate === null ? "—" : `${num(s.dropOff)} (${pct(s.dropOffRate)})`}</td>
              <td>
                <progress
                  max={Math.max(top, 1)}
                  value={s.count}
                  aria-label={`${FUNNEL_LABEL[s.key]}: ${num(s.count)} of ${num(top)}`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="override">
        <Def k="overrideRate">Kiosk-vs-desk override rate</Def>: <strong>{pct(funnel.overrideRate)}</strong> (
        {num(funnel.overridden)} of {num(funnel.deskReviewed)} kiosk choices settled at the desk)
      </p>
      {funnel.screening.length > 0 && (
        <table className="report-table">
          <caption>Screening questions, by add-on (guests counted, no answers shown)</caption>
          <thead>
            <tr>
              <th scope="col">Add-on</th>
              <th scope="col">Screened out (not today)</th>
              <th scope="col">Therapist check</th>
            </tr>
          </thead>
          <tbody>
            {funnel.screening.map((a) => (
              <tr key={a.addonId}>
                <th scope="row">{a.title}</th>
                <td>{num(a.screenedOut)}</td>
                <td>{num(a.therapistCheck)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
