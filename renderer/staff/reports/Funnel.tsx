import { languageLabel, type ReportFunnel, type ReportScreening } from "../../../contract/reports";
import { Def } from "./Def";
import { channelLabel, num, pct } from "./format";

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
      {funnel.screening.byAddon.length > 0 && <Screening screening={funnel.screening} />}
    </section>
  );
}

/** The funnel's screening stages: guests screened out and marked "therapist will check", counts only. */
function Screening({ screening }: { screening: ReportScreening }) {
  const groups: {
    title: string;
    rows: { key: string; label: string; screenedOut: number; therapistCheck: number }[];
  }[] = [
    {
      title: "By add-on",
      rows: screening.byAddon.map((a) => ({ key: `addon-${a.addonId}`, label: a.title, ...a })),
    },
    {
      title: "By service",
      rows: screening.byService.map((s) => ({ key: `service-${s.id}`, label: s.name, ...s })),
    },
    {
      title: "By channel",
      rows: screening.byChannel.map((c) => ({ key: c.channel, label: channelLabel(c.channel), ...c })),
    },
    {
      title: "By kiosk language",
      rows: screening.byLanguage.map((l) => ({
        key: `lang-${l.language ?? "none"}`,
        label: languageLabel(l.language),
        ...l,
      })),
    },
  ];
  return (
    <table className="report-table screening">
      <caption>
        Screening questions: guests screened out (not today) or marked for a therapist check; counts only, never an
        answer
      </caption>
      <thead>
        <tr>
          <th scope="col">Guests</th>
          <th scope="col">
            <Def k="screenedOut">Screened out</Def>
          </th>
          <th scope="col">
            <Def k="therapistCheck">Therapist check</Def>
          </th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">All guests</th>
          <td>{num(screening.total.screenedOut)}</td>
          <td>{num(screening.total.therapistCheck)}</td>
        </tr>
      </tbody>
      {groups.map((g) => (
        <tbody key={g.title}>
          <tr className="group">
            <th scope="rowgroup" colSpan={3}>
              {g.title}
            </th>
          </tr>
          {g.rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{num(r.screenedOut)}</td>
              <td>{num(r.therapistCheck)}</td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}
