import { BarElement, CategoryScale, Chart, Legend, LinearScale, LineElement, PointElement, Tooltip, type ChartOptions } from "chart.js";
import { Bar, Line } from "react-chartjs-2";
import type { UptakeReport } from "../../contract/reports";

// Only the pieces we draw (keeps this lazily loaded chunk small).
Chart.register(CategoryScale, LinearScale, PointElement, LineElement, BarElement, Tooltip, Legend);
Chart.defaults.font.family = "system-ui, sans-serif";
Chart.defaults.font.size = 14;
Chart.defaults.color = "#3d3a35";

const BRAND = "#1f5f5b";
const ACCENT = "#b5542b";
const percentAxis: ChartOptions<"line">["scales"] = {
  y: { min: 0, max: 100, ticks: { callback: (v) => `${String(v)}%` }, title: { display: true, text: "Take rate" } },
};
const asPercent = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);

/**
 * Take rate over time and per therapist, drawn on canvas by Chart.js (no inline style sheets,
 * so the strict CSP holds). The tables next to them carry the same numbers for screen readers.
 */
export default function ReportCharts({ report, periodLabel }: { report: UptakeReport; periodLabel: (p: string) => string }) {
  const overTime = report.overTime;
  const therapists = report.byTherapist;
  const overall = asPercent(report.totals.takeRate);
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
                { label: "Take rate (%)", data: overTime.map((p) => asPercent(p.figures.takeRate)), borderColor: BRAND, backgroundColor: BRAND, spanGaps: true, tension: 0.2 },
              ],
            }}
            options={{ responsive: true, maintainAspectRatio: false, animation: false, scales: percentAxis, plugins: { legend: { display: false } } }}
          />
        </div>
      </figure>
      <figure className="chart">
        <figcaption>Take rate by therapist</figcaption>
        <div className="chart-box">
          <Bar
            role="img"
            aria-label={`Bar chart of take rate for ${therapists.length} therapists. The table "By therapist" below has the numbers.`}
            data={{
              labels: therapists.map((t) => t.name),
              datasets: [
                { label: "Take rate (%)", data: therapists.map((t) => asPercent(t.figures.takeRate)), backgroundColor: ACCENT },
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
