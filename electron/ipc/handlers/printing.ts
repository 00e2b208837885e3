import type { printingChannels } from "../../../contract/printing";
import { queueItem } from "../../../db/desk/queue";
import { savePrinterSetting } from "../../../db/printing/printer-settings";
import { getSettings } from "../../../db/settings";
import { reprintLatestTicket, retryJob } from "../../../db/printing/desk-jobs";
import { staffActor, type AreaHandlers, type HandlerDeps } from "./types";

export const printingHandlers = ({
  model,
  emit,
  printQueued,
  printing,
}: HandlerDeps): AreaHandlers<typeof printingChannels> => {
  const changed = (appointmentId: number) => {
    emit("queue.changed", { appointmentId, reason: "print" });
    printing.recount();
    printQueued();
    return queueItem(model, appointmentId);
  };
  return {
    "printing.status": () => printing.refresh(),
    "printing.retry": (input, session) => changed(retryJob(model, staffActor(session), input.printJobId)),
    "printing.reprint": (input, session) => {
      reprintLatestTicket(model, staffActor(session), input.appointmentId);
      return changed(input.appointmentId);
    },
    "printing.printers": () => printing.listPrinters(),
    "printing.settings": () => ({ printer: getSettings(model.db).printer }),
    "printing.saveSettings": (input, session) => {
      const printer = savePrinterSetting(model, staffActor(session), input.printer);
      emit("settings.changed", {});
      printQueued();
      void printing.refresh();
      return { printer };
    },
    "printing.testPrint": (input, session) =>
      printing.testPrint(input.printer ?? getSettings(model.db).printer, staffActor(session).name),
  };
};
