/**
 * The app's log. It takes an area, a few named facts and, for failures, the error's name and
 * stack — never a payload, a guest's name or phone, or a PIN. Error messages are left out too,
 * because SQLite constraint messages can quote values.
 */
/** Named facts: ids, counts, codes and `error` (written as its name and stack only). */
type Facts = Record<string, unknown>;

function describe(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const frames = (error.stack ?? "").split("\n").filter((l) => l.trim().startsWith("at ")).slice(0, 6);
  return [error.name, ...frames].join("\n");
}

function line(level: string, area: string, facts: Facts): string {
  const parts = Object.entries(facts).map(([k, v]) => `${k}=${k === "error" ? describe(v) : String(v)}`);
  return `${new Date().toISOString()} ${level} [${area}] ${parts.join(" ")}`;
}

export const log = {
  info: (area: string, facts: Facts = {}) => console.log(line("info", area, facts)),
  error: (area: string, facts: Facts = {}) => console.error(line("error", area, facts)),
};
