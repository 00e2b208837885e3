import {
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
  type ChartOptions,
} from "chart.js";
import { Bar, Line } from "react-chartjs-2";
import { bookedAheadPerRow, type UptakeReport } from "../../../contract/reports";

// Only the pieces we draw (keeps this lazily loaded chunk small).
Chart.register(CategoryScale, LinearScale, PointElement, LineElement, BarElement, Tooltip, Legend);
Chart.defaults.font.family = "system-ui, sans-serif";
Chart.defaults.font.size = 14;
Chart.defaults.color = "#3d3a35";

const BRAND = "#1f5f5b";
const ACCENT = "#b5542b";
/** Add-ons booked ahead: a colour of their own, never the take rate's. */
const BOOKED = "#3b5b92";
const percentAxis: ChartOptions<"line">["scales"] = {
  y: { min: 0, max: 100, ticks: { callback: (v) => `${String(v)}%` }, title: { display: true, text: "Take rate" } },
};
const asPercent = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

/**
 * Take rate over time and per therapist, drawn on canvas by Chart.js (no inline style sheets,
 * so the strict CSP holds). The tables next to them carry the same numbers for screen readers.
 *
 * A period with nothing offered has no take rate: the line breaks there (spanGaps off) rather
 * than dropping to 0 %, which would read as "every guest said no", or joining its neighbours,
 * which would invent a rate. The note under the chart says what a gap means.
 */
export default function ReportCharts({
  report,
  periodLabel,
}: {
  report: UptakeReport;
  periodLabel: (p: string) => string;
}) {
  const overTime = report.overTime;
  const therapists = report.byTherapist;
  const overall = asPercent(report.totals.takeRate);
  const gaps = overTime.filter((p) => p.figures.takeRate === null).length;
  const booked = report.bookedAhead;
  const bookedOf = bookedAheadPerRow(booked).period;
  return (
    <div className="charts">
      <figure className="chart">
        <figcaption>Take rate over time</figcaption>
        <div className="chart-box">
          <Line
            role="img"
            aria-label={`Line chart of take rate per ${report.grain}; overall ${overall ?? "no data"}%. The table "Over time" below has the numbers.`}
            data={{
              labels: overTime.map((p) => periodLabel(p.period)),
              datasets: [
                {
                  label: "Take rate (%)",
                  data: overTime.map((p) => asPercent(p.figures.takeRate)),
                  borderColor: BRAND,
                  backgroundColor: BRAND,
                  spanGaps: false,
                  tension: 0.2,
                },
              ],
            }}
            options={{
              responsive: true,
              maintainAspectRatio: false,
              animation: false,
              scales: percentAxis,
              plugins: {
                legend: { display: false },
                tooltip: {
                  callbacks: {
                    label: (item) => {
                      const f = overTime[item.dataIndex]?.figures;
                      return f
                        ? `${String(item.raw)}%: ${f.taken.toLocaleString("en-US")} of ${f.offered.toLocaleString("en-US")} offered`
                        : "";
                    },
                  },
                },
              },
            }}
          />
        </div>
        {gaps > 0 && (
          <p className="chart-note">
            {`Gaps in the line: ${gaps.toLocaleString("en-US")} ${gaps === 1 ? report.grain : `${report.grain}s`} with no add-on offered, so no take rate (not 0 %).`}
          </p>
        )}
      </figure>
      {booked.total.count > 0 && (
        <figure className="chart">
          <figcaption>Add-ons booked ahead over time</figcaption>
          <div className="chart-box">
            <Bar
              role="img"
              aria-label={`Bar chart of add-ons booked ahead per ${report.grain}; ${booked.total.count.toLocaleString("en-US")} in all. The table "Over time" below has the numbers.`}
              data={{
                labels: overTime.map((p) => periodLabel(p.period)),
                datasets: [
                  {
                    label: "Add-ons booked ahead",
                    data: overTime.map((p) => bookedOf(p).count),
                    backgroundColor: BOOKED,
                  },
                ],
              }}
              options={{
                responsive: true,
                maintainAspectRatio: false,
                animation: false,
                scales: {
                  y: {
                    min: 0,
                    ticks: { precision: 0 },
                    title: { display: true, text: "Add-ons booked ahead" },
                  },
                },
                plugins: { legend: { display: false } },
              }}
            />
          </div>
          <p className="chart-note">
            Booked with the massage in the booking system, not offered at the kiosk: not in the take rate.
          </p>
        </figure>
      )}
      <figure className="chart">
        <figcaption>Take rate by therapist</figcaption>
        <div className="chart-box">
          <Bar
            role="img"
            aria-label={`Bar chart of take rate for ${therapists.length} therapists. The table "By therapist" below has the numbers.`}
            data={{
              labels: therapists.map((t) => t.name),
              datasets: [
                {
                  label: "Take rate (%)",
                  data: therapists.map((t) => asPercent(t.figures.takeRate)),
                  backgroundColor: ACCENT,
                },
              ],
            }}
            options={{
              responsive: true,
              maintainAspectRatio: false,
              animation: false,
              scales: { y: { min: 0, max: 100, ticks: { callback: (v) => `${String(v)}%` } } },
              plugins: { legend: { display: false } },
            }}
          />
        </div>
      </figure>
    </div>
  );
}
