import { parentPort } from "node:worker_threads";
import { pdfPageSizeMm, renderPdf } from "./pdf";
import { pdfRequestIdSchema, pdfRequestSchema, type PdfResponse } from "./pdf-protocol";

/**
 * The slips' PDF thread (./pdf-thread.ts): pdfkit lays out and draws each slip here, and fontkit parses the Arabic
 * and Hebrew fonts each slip embeds (89-170 ms a slip) and the emoji font (read at the first slip with an emoji,
 * 30-45 ms; then 6-9 ms more a slip with emoji), so a kiosk tap never waits behind a printing slip. It stays for the
 * next slip, its pdfkit and fonts loaded, until the app closes.
 */
const port = parentPort;
if (!port) throw new Error("electron/printing/pdf-worker.ts runs as a worker thread");
const post = (response: PdfResponse, transfer: ArrayBuffer[] = []) => port.postMessage(response, transfer);

async function answer(raw: unknown): Promise<void> {
  const request = pdfRequestSchema.safeParse(raw);
  if (!request.success) {
    const asked = pdfRequestIdSchema.safeParse(raw);
    if (asked.success)
      post({ id: asked.data.id, ok: false, name: "Error", message: "The slip to draw had the wrong shape." });
    return;
  }
  const { id, ticket, paper } = request.data;
  try {
    // Its own memory (a Buffer may share a pool), moved to the main thread without a copy.
    const pdf = new Uint8Array(await renderPdf(ticket, paper));
    post({ id, ok: true, pdf, ...pdfPageSizeMm(ticket, paper) }, [pdf.buffer]);
  } catch (error) {
    post({
      id,
      ok: false,
      name: error instanceof Error ? error.name : "Error",
      message: error instanceof Error ? error.message : String(error),
    });
  }
}

port.on("message", (raw: unknown) => void answer(raw));
