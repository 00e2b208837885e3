import type { PrinterSetting } from "../../../contract/ticket";
import type { PrinterDriver } from "../driver";
import { CupsDriver } from "./cups";
import { NetworkDriver } from "./network";
import { PdfFolderDriver } from "./pdf-folder";

/** The driver for a manager's printer setting. PDF-folder tickets go to `opts.pdfDir`. */
export function createDriver(setting: PrinterSetting, opts: { pdfDir: string }): PrinterDriver {
  switch (setting.driver) {
    case "pdf-folder":
      return new PdfFolderDriver(opts.pdfDir, setting.paper);
    case "system":
      return new CupsDriver(setting.name, setting.paper);
    case "network":
      return new NetworkDriver({ host: setting.host, port: setting.port, paper: setting.paper });
  }
}
