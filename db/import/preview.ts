import type { Model } from "../model";
import type { ImportPreview } from "../../contract/desk";
import { analyze, type Options } from "./analyse";
import { sayHowManyMore } from "./issues";
import { activeEntries } from "./match";

const PREVIEW_ROWS = 200;

/** Reads the file and shows what an import would do, without changing anything. */
export async function previewImport(
  m: Model,
  content: string,
  options: Options & { canAddToCatalog?: boolean } = {},
): Promise<ImportPreview> {
  const a = await analyze(m, content, options);
  sayHowManyMore(a.errors, a.errorCount, "rows with problems");
  return {
    delimiter: a.delimiter === "\t" ? "tab" : a.delimiter,
    columns: a.columns,
    mapping: a.mapping,
    mappingRemembered: a.mappingRemembered,
    preset: a.preset,
    dateOrder: a.dateOrder,
    rows: a.rows.slice(0, PREVIEW_ROWS).map((r) => ({
      line: r.line,
      externalId: r.externalId,
      guestName: r.guestName,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      serviceName: r.serviceName,
      therapistName: r.therapistName,
      roomName: r.roomName,
      roomChosen: r.roomChosen,
      status: r.status,
      note: r.note,
      action: r.action,
    })),
    errors: a.errors,
    warnings: a.warnings,
    unknownNames: a.unknownNames,
    missing: a.missing,
    catalog: {
      service: activeEntries(m.db, "service"),
      therapist: activeEntries(m.db, "therapist"),
      room: activeEntries(m.db, "room"),
    },
    canAddToCatalog: options.canAddToCatalog ?? false,
    totalRows: a.totalRows,
    validRows: a.rows.reduce((n, r) => n + r.rows, 0),
    bookings: a.rows.length,
  };
}
