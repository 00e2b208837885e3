import { useCallback, useEffect, useId, useState } from "react";
import type { PrinterList, Spooler } from "../../contract/printing";
import { printerSettingSchema, type Paper, type PrinterSetting } from "../../contract/ticket";
import { call, messageOf } from "../common/api";
import { ApiError } from "../common/api-error";
import { useAuthGuard } from "./useAuthGuard";
import "./printing.css";

type Driver = PrinterSetting["driver"];
/** What the form holds: every driver's fields at once, so switching driver loses nothing typed. */
interface Form {
  driver: Driver;
  paper: Paper;
  name: string;
  host: string;
  port: string;
}
type FieldErrors = Partial<Record<"driver" | "name" | "host" | "port" | "paper", string>>;

const DRIVERS: { value: Driver; label: string; help: string }[] = [
  {
    value: "pdf-folder",
    label: "PDF folder",
    help: "Each ticket is saved as a PDF in the app's data folder. Works on any computer.",
  },
  { value: "system", label: "System printer", help: "A printer installed on this computer, by name." },
  {
    value: "network",
    label: "Network thermal printer",
    help: "An ESC/POS receipt printer on the network (raw TCP, usually port 9100).",
  },
];

/** Where a system printer's tickets go, as the main process reports it with the printer list. */
const SPOOLER_HELP: Record<Spooler, string> = {
  cups: "A printer installed on this computer (CUPS), by name.",
  windows: "A printer installed in Windows, by name. Tickets print through the Windows print spooler.",
};

const toForm = (s: PrinterSetting): Form => ({
  driver: s.driver,
  paper: s.paper,
  name: s.driver === "system" ? s.name : "",
  host: s.driver === "network" ? s.host : "",
  port: s.driver === "network" ? String(s.port) : "9100",
});

function fromForm(f: Form): unknown {
  if (f.driver === "system") return { driver: "system", name: f.name, paper: f.paper };
  if (f.driver === "network")
    return {
      driver: "network",
      host: f.host,
      port: f.port.trim() === "" ? Number.NaN : Number(f.port),
      paper: f.paper,
    };
  return { driver: "pdf-folder", paper: f.paper };
}

/** The contract's own schema decides; its first message per field is shown next to that field. */
function validate(f: Form): { setting: PrinterSetting | null; errors: FieldErrors } {
  const parsed = printerSettingSchema.safeParse(fromForm(f));
  if (parsed.success) return { setting: parsed.data, errors: {} };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = (issue.path[0] ?? "driver") as keyof FieldErrors;
    errors[key] ??=
      key === "port" && issue.code === "invalid_type" ? "Enter the port as a number, e.g. 9100." : issue.message;
  }
  return { setting: null, errors };
}

/** Managers choose where therapist tickets print, try it with a test ticket, and save. */
export function PrinterSettings({ onAuthLost }: { onAuthLost: () => void }) {
  const [form, setForm] = useState<Form | null>(null);
  const [printers, setPrinters] = useState<PrinterList | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState<"test" | "save" | null>(null);
  const guard = useAuthGuard(onAuthLost);
  const id = useId();

  const loadPrinters = useCallback(() => {
    guard(call("printing.printers", {})).then(setPrinters, (e: unknown) =>
      setNotice({ ok: false, text: messageOf(e) }),
    );
  }, [guard]);
  useEffect(() => {
    guard(call("printing.settings", {})).then(
      (s) => setForm(toForm(s.printer)),
      (e: unknown) => setNotice({ ok: false, text: messageOf(e) }),
    );
    loadPrinters();
  }, [guard, loadPrinters]);

  if (!form)
    return (
      <section className="printer-settings" aria-busy="true">
        {notice && (
          <p className="notice bad" role="alert">
            {notice.text}
          </p>
        )}
      </section>
    );

  const set = (patch: Partial<Form>) => {
    setForm({ ...form, ...patch });
    setNotice(null);
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch)) delete next[k as keyof FieldErrors];
      return next;
    });
  };

  const submit = async (what: "test" | "save") => {
    const { setting, errors: found } = validate(form);
    setErrors(found);
    setNotice(null);
    if (!setting) return;
    setBusy(what);
    try {
      if (what === "test") {
        const result = await guard(call("printing.testPrint", { printer: setting }));
        setNotice({ ok: result.ok, text: result.message });
      } else {
        const saved = await guard(call("printing.saveSettings", { printer: setting }));
        setForm(toForm(saved.printer));
        setNotice({
          ok: true,
          text: "Saved. New tickets print with this setting; tickets waiting to print are tried again now.",
        });
      }
    } catch (e) {
      if (e instanceof ApiError && e.field?.startsWith("printer.")) {
        setErrors({ [e.field.slice("printer.".length)]: e.message });
      }
      setNotice({ ok: false, text: messageOf(e) });
    } finally {
      setBusy(null);
    }
  };

  const described = (field: keyof FieldErrors) => (errors[field] ? `${id}-${field}-error` : undefined);
  const fieldError = (field: keyof FieldErrors) =>
    errors[field] ? (
      <span className="error" id={`${id}-${field}-error`}>
        {errors[field]}
      </span>
    ) : null;
  const printerOptions = printers?.printers ?? [];
  const listed = form.name === "" || printerOptions.includes(form.name);

  return (
    <section className="printer-settings" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Ticket printer</h1>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit("save");
        }}
        noValidate
      >
        <fieldset>
          <legend>Where tickets print</legend>
          {DRIVERS.map((d) => (
            <label key={d.value} className="option">
              <input
                type="radio"
                name="driver"
                value={d.value}
                checked={form.driver === d.value}
                onChange={() => set({ driver: d.value })}
              />
              <span>
                {d.label}
                <small>{d.value === "system" && printers ? SPOOLER_HELP[printers.spooler] : d.help}</small>
              </span>
            </label>
          ))}
          {fieldError("driver")}
        </fieldset>

        {form.driver === "system" && (
          <fieldset>
            <legend>{printers?.spooler === "windows" ? "Windows printer" : "System printer"}</legend>
            <div className="row">
              <label className="field">
                Printer
                <select
                  value={form.name}
                  onChange={(e) => set({ name: e.target.value })}
                  aria-invalid={Boolean(errors.name)}
                  aria-describedby={described("name")}
                >
                  <option value="">Choose a printer…</option>
                  {!listed && <option value={form.name}>{form.name} (not installed now)</option>}
                  {printerOptions.map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </select>
                {fieldError("name")}
              </label>
              <button type="button" className="secondary" onClick={loadPrinters}>
                Refresh list
              </button>
            </div>
            {printers?.message && <p className="notice bad">{printers.message}</p>}
          </fieldset>
        )}

        {form.driver === "network" && (
          <fieldset>
            <legend>Network printer</legend>
            <div className="row">
              <label className="field">
                IP address or host name
                <input
                  value={form.host}
                  onChange={(e) => set({ host: e.target.value })}
                  placeholder="192.168.1.50"
                  autoComplete="off"
                  spellCheck={false}
                  maxLength={253}
                  aria-invalid={Boolean(errors.host)}
                  aria-describedby={described("host")}
                />
                {fieldError("host")}
              </label>
              <label className="field">
                Port
                <input
                  value={form.port}
                  onChange={(e) => set({ port: e.target.value })}
                  inputMode="numeric"
                  maxLength={5}
                  size={6}
                  aria-invalid={Boolean(errors.port)}
                  aria-describedby={described("port")}
                />
                <small>Usually 9100</small>
                {fieldError("port")}
              </label>
            </div>
          </fieldset>
        )}

        <fieldset>
          <legend>Paper</legend>
          <label className="option">
            <input
              type="radio"
              name="paper"
              value="80mm"
              checked={form.paper === "80mm"}
              onChange={() => set({ paper: "80mm" })}
            />
            <span>
              80 mm<small>48 characters a line; most receipt printers</small>
            </span>
          </label>
          <label className="option">
            <input
              type="radio"
              name="paper"
              value="58mm"
              checked={form.paper === "58mm"}
              onChange={() => set({ paper: "58mm" })}
            />
            <span>
              58 mm<small>32 characters a line; compact printers</small>
            </span>
          </label>
        </fieldset>

        <div className="buttons">
          <button type="button" className="secondary" disabled={busy !== null} onClick={() => void submit("test")}>
            {busy === "test" ? "Printing test…" : "Test print"}
          </button>
          <button type="submit" className="primary" disabled={busy !== null}>
            {busy === "save" ? "Saving…" : "Save"}
          </button>
        </div>
      </form>
      {notice && (
        <p className={`notice ${notice.ok ? "ok" : "bad"}`} role={notice.ok ? "status" : "alert"}>
          {notice.text}
        </p>
      )}
    </section>
  );
}
