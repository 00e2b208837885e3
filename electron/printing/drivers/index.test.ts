import { describe, expect, it } from "vitest";
import { printerSettingSchema } from "../../../contract/ticket";
import { CupsDriver } from "./cups";
import { createDriver } from "./index";
import { NetworkDriver } from "./network";
import { PdfFolderDriver } from "./pdf-folder";

describe("createDriver", () => {
  const opts = { pdfDir: "/var/lib/happyhead/tickets" };
  it("makes the driver each setting names", () => {
    expect(createDriver(printerSettingSchema.parse({ driver: "pdf-folder" }), opts)).toBeInstanceOf(PdfFolderDriver);
    expect(createDriver(printerSettingSchema.parse({ driver: "system", name: "TM-T20" }), opts)).toBeInstanceOf(CupsDriver);
    expect(createDriver(printerSettingSchema.parse({ driver: "network", host: "10.0.0.7" }), opts)).toBeInstanceOf(NetworkDriver);
  });
  it("passes paper, folder, name and address through", () => {
    expect(createDriver(printerSettingSchema.parse({ driver: "pdf-folder", paper: "58mm" }), opts).describe()).toBe("PDF files in /var/lib/happyhead/tickets (58mm paper)");
    expect(createDriver(printerSettingSchema.parse({ driver: "system", name: "TM-T20" }), opts).describe()).toBe('System printer "TM-T20" (80mm paper)');
    expect(createDriver(printerSettingSchema.parse({ driver: "network", host: "10.0.0.7", port: 9101 }), opts).describe()).toBe("Network printer 10.0.0.7:9101 (80mm paper)");
  });
});
