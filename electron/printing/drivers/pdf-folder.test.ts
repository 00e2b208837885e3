import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sampleTicket } from "../../test-support/fixtures";
import { pdfThread } from "../pdf-thread";
import { PdfFolderDriver } from "./pdf-folder";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "happyhead-pdf-folder-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("PdfFolderDriver", () => {
  it("writes ticket-<number>-job-<id>.pdf, creating the folder", async () => {
    const dir = join(root, "tickets");
    const driver = new PdfFolderDriver(dir, "80mm");
    expect(await driver.print({ jobId: 1007, ticket: sampleTicket() })).toEqual({ ok: true });
    expect(await readdir(dir)).toEqual(["ticket-42-job-1007.pdf"]);
    expect((await readFile(join(dir, "ticket-42-job-1007.pdf"))).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("a slip whose drawing thread stops before it is drawn (a crash, the app closing) is saved nowhere and tried again later; the next is saved", async () => {
    const driver = new PdfFolderDriver(root, "80mm");
    const printing = driver.print({ jobId: 8, ticket: sampleTicket({ ticketNumber: 8, guestLabel: "محمد ש." }) });
    await pdfThread.close();
    expect(await printing).toEqual({ ok: false, transient: true, reason: `Could not save the ticket in ${root}` });
    expect(await readdir(root)).toEqual([]);
    expect(await driver.print({ jobId: 9, ticket: sampleTicket({ ticketNumber: 9 }) })).toEqual({ ok: true });
    expect(await readdir(root)).toEqual(["ticket-9-job-9.pdf"]);
  });

  it("overwrites the same file when a job is printed again, leaving no temp files", async () => {
    const driver = new PdfFolderDriver(root, "58mm");
    await driver.print({ jobId: 5, ticket: sampleTicket({ ticketNumber: 9 }) });
    const first = await readFile(join(root, "ticket-9-job-5.pdf"));
    await driver.print({ jobId: 5, ticket: sampleTicket({ ticketNumber: 9, kind: "reprint" }) });
    expect(await readdir(root)).toEqual(["ticket-9-job-5.pdf"]);
    expect((await readFile(join(root, "ticket-9-job-5.pdf"))).equals(first)).toBe(false);
  });

  it("reports ready for a usable folder", async () => {
    expect(await new PdfFolderDriver(root, "80mm").status()).toEqual({
      state: "ready",
      message: "Ready to save tickets as PDF files",
    });
  });

  it("fails permanently, in plain words, when the folder path is a file", async () => {
    const file = join(root, "not-a-folder");
    await writeFile(file, "x");
    const driver = new PdfFolderDriver(file, "80mm");
    expect(await driver.print({ jobId: 1, ticket: sampleTicket() })).toEqual({
      ok: false,
      transient: false,
      reason: `The ticket folder path is not a folder: ${file}`,
    });
    expect(await driver.status()).toMatchObject({ state: "offline" });
  });

  it("describes where tickets go", () => {
    expect(new PdfFolderDriver("/srv/tickets", "58mm").describe()).toBe("PDF files in /srv/tickets (58mm paper)");
  });
});
