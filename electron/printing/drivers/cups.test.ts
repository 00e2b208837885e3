import { appointmentIdOf } from "../../../db/test/helpers";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { queueItem } from "../../../db/desk/queue";
import { checkInAtKiosk } from "../../../db/kiosk/check-in";
import { chooseAddons } from "../../../db/kiosk/choose";
import { DEMO_GUESTS, DEMO_STAFF } from "../../../db/demo/seed-demo";
import { saveSettings } from "../../../db/settings";
import { createAppCore } from "../../core";
import { sampleTicket } from "../../test-support/fixtures";
import { CUPS_PDF_QUEUE, holdCupsLock, waitForPdf, whyCupsPdfCannotPrint } from "../../test-support/cups-pdf";
import { pdfToText } from "../../test-support/pdftotext";
import { CupsDriver, listCupsPrinters, parseRequestId, systemToolEnv } from "./cups";

/** Integration test: prints through a real cups-pdf queue (see electron/test-support/cups-pdf.ts). */
const QUEUE = CUPS_PDF_QUEUE;
const skipReason = whyCupsPdfCannotPrint();
if (skipReason !== null) console.log(`CUPS integration tests skipped: ${skipReason}`);

describe("parseRequestId", () => {
  it("reads the job id lp prints", () => {
    expect(parseRequestId("request id is HappyHeadPDF-12 (1 file(s))\n")).toBe("HappyHeadPDF-12");
    expect(parseRequestId("")).toBeNull();
  });
});

/** What electron-builder's AppRun exports before it starts the app (appImageUtil.js generateAppRunScript). */
const fromAppImage = (appDir: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
  ...env,
  APPDIR: appDir,
  APPIMAGE: "/home/desk/Applications/Happy Head-1.4.0.AppImage",
  PATH: `${appDir}:${appDir}/usr/sbin${env.PATH ? `:${env.PATH}` : ""}`,
  XDG_DATA_DIRS: `${appDir}/usr/share/${env.XDG_DATA_DIRS ? `:${env.XDG_DATA_DIRS}` : ""}:/usr/share/gnome:/usr/local/share/:/usr/share/`,
  LD_LIBRARY_PATH: `${appDir}/usr/lib${env.LD_LIBRARY_PATH ? `:${env.LD_LIBRARY_PATH}` : ""}`,
  GSETTINGS_SCHEMA_DIR: `${appDir}/usr/share/glib-2.0/schemas`,
});

describe("the print commands get the system's environment, not the AppImage's (systemToolEnv)", () => {
  const appDir = "/tmp/.mount_HappyHq7Xk2a";

  it("drops the AppImage's folders from the library and program paths, keeps the spa's own settings", () => {
    const desk = {
      PATH: "/usr/local/bin:/usr/bin:/bin",
      LD_LIBRARY_PATH: "/opt/vendor-printer/lib",
      LANG: "es_ES.UTF-8",
      CUPS_SERVER: "printserver.local:631",
      HOME: "/home/desk",
    };
    expect(systemToolEnv(fromAppImage(appDir, desk))).toEqual({
      ...desk,
      APPDIR: appDir,
      APPIMAGE: "/home/desk/Applications/Happy Head-1.4.0.AppImage",
      XDG_DATA_DIRS: "/usr/share/gnome:/usr/local/share/:/usr/share/",
    });
    // Nothing of the launcher's left at all: the variables go, rather than staying empty.
    const bare = systemToolEnv(fromAppImage(appDir, { PATH: "/usr/bin:/bin" }));
    expect(bare).not.toHaveProperty("LD_LIBRARY_PATH");
    expect(bare).not.toHaveProperty("GSETTINGS_SCHEMA_DIR");
    expect(bare.PATH).toBe("/usr/bin:/bin");
  });

  it("ugly values: a trailing slash, semicolons, LD_PRELOAD, a look-alike folder, empty entries (the current folder)", () => {
    expect(
      systemToolEnv(
        {
          LD_LIBRARY_PATH: `${appDir}/usr/lib;/usr/lib/cups::${appDir}`,
          LD_PRELOAD: `${appDir}/usr/lib/libhook.so /usr/lib/libeatmydata.so`,
          PATH: `${appDir}-old/bin::/usr/bin:`,
        },
        `${appDir}/`,
      ),
    ).toEqual({
      LD_LIBRARY_PATH: "/usr/lib/cups",
      LD_PRELOAD: "/usr/lib/libeatmydata.so",
      PATH: `${appDir}-old/bin:/usr/bin`,
    });
    // Not from an AppImage (no APPDIR), or an APPDIR that is no folder of its own: nothing is the bundle's.
    const desk = { PATH: "/usr/bin:/bin", LD_LIBRARY_PATH: "/opt/lib", LANG: "C.UTF-8" };
    expect(systemToolEnv(desk)).toEqual(desk);
    expect(systemToolEnv({ ...desk, APPDIR: "/" })).toEqual({ ...desk, APPDIR: "/" });
    expect(systemToolEnv({ ...desk, APPDIR: "mnt" })).toEqual({ ...desk, APPDIR: "mnt" });
  });
});

describe.skipIf(skipReason !== null)(
  `CUPS driver against the ${QUEUE} cups-pdf queue${skipReason ? ` (skipped: ${skipReason})` : ""}`,
  () => {
    // Not while cups.service.test.ts has cupsd stopped.
    let release: () => void = () => undefined;
    beforeAll(async () => {
      release = await holdCupsLock("shared");
    });
    afterAll(() => release());

    it("lists the queue among installed printers", async () => {
      expect(await listCupsPrinters()).toContain(QUEUE);
    });

    it("reports the queue ready", async () => {
      expect(await new CupsDriver(QUEUE, "80mm").status()).toEqual({
        state: "ready",
        message: `Printer ${QUEUE} is ready`,
      });
    });

    it("prints a ticket whose PDF shows the add-on titles", async () => {
      const jobId = 900_000 + Math.floor(Math.random() * 99_999);
      const started = Date.now();
      const outcome = await new CupsDriver(QUEUE, "80mm").print({ jobId, ticket: sampleTicket({ printJobId: jobId }) });
      expect(outcome).toEqual({ ok: true });
      // cups-pdf names the file after the job title, "Happy Head ticket 42 job <id>".
      const file = await waitForPdf(`job_${jobId}`, started, 60_000);
      const text = pdfToText(file);
      expect(text).toContain("FACE MASSAGE");
      expect(text).toContain("SCALP MASSAGE");
      expect(text).toContain(`Print job ${jobId}`);
    }, 180_000); // a fresh CUPS starts Ghostscript for its first job: the wait is for the file, not a speed check

    it("prints a desk confirmation through the print queue: the PDF shows the guest's add-ons", async () => {
      const dir = mkdtempSync(join(tmpdir(), "happyhead-cups-queue-"));
      const core = await createAppCore({ dataDir: dir, seed: "demo" });
      try {
        const { db } = core.model;
        saveSettings(db, { printer: { driver: "system", name: QUEUE, paper: "58mm" } });
        const id = appointmentIdOf(core.model, DEMO_GUESTS.bothFit.code);
        const { visit } = checkInAtKiosk(core.model, id, "en");
        chooseAddons(core.model, {
          appointmentId: id,
          addonIds: visit.offer.cards.map((c) => c.addonId),
          offerMs: 2000,
          lang: "en",
        });
        const desk = core.newSession("staff");
        const staffId = db.prepare("SELECT id FROM staff WHERE name = ?").pluck().get(DEMO_STAFF[1].name) as number;
        expect(await core.dispatch(desk, "staff.login", { staffId, pin: DEMO_STAFF[1].pin })).toMatchObject({
          ok: true,
        });
        const started = Date.now();
        expect(await core.dispatch(desk, "desk.confirmAddons", { appointmentId: id })).toMatchObject({ ok: true });
        await core.printQueue.idle();
        const ticket = queueItem(core.model, id).ticket;
        expect(ticket).toMatchObject({ printStatus: "printed", printError: null });
        const file = await waitForPdf(`ticket_${ticket?.ticketNumber}_job_${ticket?.printJobId}_`, started, 60_000);
        const text = pdfToText(file);
        for (const expected of [
          "FACE MASSAGE",
          "SCALP MASSAGE",
          "María G.",
          `Print job ${ticket?.printJobId}`,
          "Confirmed by: Riley Chen",
        ]) {
          expect(text).toContain(expected);
        }
      } finally {
        await core.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }, 180_000);

    describe("run from an AppImage", () => {
      afterEach(() => {
        vi.unstubAllEnvs();
      });

      it("lp and lpstat load the system's CUPS library, not the bundle's, and the slip still prints", async () => {
        // The AppImage's folder, with a library and a program of the same names as the system's.
        const appDir = mkdtempSync(join(tmpdir(), "happyhead-appdir-"));
        try {
          mkdirSync(join(appDir, "usr", "lib"), { recursive: true });
          writeFileSync(join(appDir, "usr", "lib", "libcups.so.2"), "not the system's libcups");
          writeFileSync(join(appDir, "lpstat"), "#!/bin/sh\necho 'lpstat: the bundle, not CUPS' >&2\nexit 1\n");
          chmodSync(join(appDir, "lpstat"), 0o755);
          const launched = fromAppImage(appDir, process.env);
          // What the commands inherited before: the system's lpstat does not even start.
          const leaked = spawnSync("/usr/bin/lpstat", ["-r"], { env: launched, encoding: "utf8" });
          expect(leaked.stderr).toMatch(/error while loading shared libraries: .*libcups\.so\.2/);
          for (const [name, value] of Object.entries(launched)) vi.stubEnv(name, value);
          expect(await listCupsPrinters()).toContain(QUEUE);
          expect(await new CupsDriver(QUEUE, "80mm").status()).toEqual({
            state: "ready",
            message: `Printer ${QUEUE} is ready`,
          });
          const jobId = 900_000 + Math.floor(Math.random() * 99_999);
          const started = Date.now();
          const outcome = await new CupsDriver(QUEUE, "58mm").print({
            jobId,
            ticket: sampleTicket({ printJobId: jobId }),
          });
          expect(outcome).toEqual({ ok: true });
          expect(pdfToText(await waitForPdf(`job_${jobId}`, started, 60_000))).toContain(`Print job ${jobId}`);
        } finally {
          rmSync(appDir, { recursive: true, force: true });
        }
      }, 180_000);
    });

    it("names a missing printer in plain words", async () => {
      const driver = new CupsDriver("NoSuchPrinter", "58mm");
      // Waits and is tried again (a USB printer's queue comes back when it is plugged in), naming what is installed.
      const notFound = expect.stringMatching(
        new RegExp(
          `^Printer not found: NoSuchPrinter\\. Check that the printer is switched on .*\\(installed: .*${QUEUE}`,
        ),
      ) as unknown;
      expect(await driver.print({ jobId: 1, ticket: sampleTicket() })).toEqual({
        ok: false,
        transient: true,
        reason: notFound,
      });
      expect(await driver.status()).toEqual({ state: "offline", message: notFound });
    });
  },
);

describe("a printer named like an option (-hserver:631) never reaches a command as one", () => {
  /** Fake lpstat and lp on PATH that write the arguments they got, one per line, and answer like CUPS. */
  async function withFakeCups(test: (argsSeen: () => string[]) => Promise<void>): Promise<void> {
    const { writeFileSync, readFileSync, existsSync, chmodSync } = await import("node:fs");
    const dir = mkdtempSync(join(tmpdir(), "happyhead-fake-cups-"));
    const seen = join(dir, "args");
    for (const command of ["lpstat", "lp"]) {
      const file = join(dir, command);
      writeFileSync(
        file,
        `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a" >> '${seen}'; done\necho "printer Desk TM-T20 is idle.  enabled since now"\necho "Desk TM-T20 accepting requests since now"\n`,
      );
      chmodSync(file, 0o755);
    }
    const path = process.env.PATH;
    process.env.PATH = `${dir}:${path ?? ""}`;
    try {
      await test(() => (existsSync(seen) ? readFileSync(seen, "utf8").split("\n").filter(Boolean) : []));
    } finally {
      process.env.PATH = path;
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it("the printer setting refuses it, naming the fix", async () => {
    const { printerSettingSchema } = await import("../../../contract/ticket");
    const parsed = printerSettingSchema.safeParse({ driver: "system", name: "-hserver:631" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/can't start with a dash/);
  });

  it("a stored one is refused before any command runs; a normal name is one argument attached to its option", async () => {
    await withFakeCups(async (argsSeen) => {
      const evil = new CupsDriver("-hserver:631", "80mm");
      expect(await evil.status()).toMatchObject({
        state: "offline",
        message: expect.stringContaining("starts with a dash") as unknown,
      });
      expect(await evil.print({ jobId: 7, ticket: sampleTicket({ printJobId: 7 }) })).toMatchObject({
        ok: false,
        transient: false,
      });
      expect(argsSeen()).toEqual([]);
      expect(await new CupsDriver("Desk TM-T20", "80mm").status()).toMatchObject({ state: "ready" });
      expect(argsSeen()).toEqual(["-pDesk TM-T20", "-aDesk TM-T20"]);
    });
  });
});
