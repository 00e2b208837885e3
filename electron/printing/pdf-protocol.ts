import { z } from "zod";
import { paperSchema, ticketSchema } from "../../contract/ticket";

/**
 * The typed channel between the main thread and the slips' PDF thread (./pdf-thread.ts starts it, ./pdf-worker.ts
 * runs it). Each side parses what it receives: a wrong shape is an error, never a slip drawn from half a message.
 */
const id = z.number().int().positive();

/** From the main thread: draw this ticket on this paper. */
export const pdfRequestSchema = z.object({ id, ticket: ticketSchema, paper: paperSchema });
export type PdfRequest = z.infer<typeof pdfRequestSchema>;

/** Just the request's id: a request of the wrong shape is still answered, with what was wrong. */
export const pdfRequestIdSchema = z.object({ id });

const mm = z.number().int().positive();
/**
 * From the PDF thread: the PDF's bytes (moved, not copied) with its page size (what `lp` is told), or why it
 * could not be drawn.
 */
export const pdfResponseSchema = z.discriminatedUnion("ok", [
  z.object({ id, ok: z.literal(true), pdf: z.instanceof(Uint8Array), widthMm: mm, heightMm: mm }),
  z.object({ id, ok: z.literal(false), name: z.string(), message: z.string() }),
]);
export type PdfResponse = z.infer<typeof pdfResponseSchema>;
