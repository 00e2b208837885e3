/**
 * 0009: a version number of the add-on catalogue, moved by triggers on every change to what an
 * offer card is made of (add-ons, their copy, the services they go with, a service's add-on
 * switch). The kiosk keeps the catalogue it read in memory and reads it again only when this
 * number has moved, whoever changed it: the back office, an import, or another connection.
 */
const sources = ["addons", "addon_texts", "addon_services", "services"];

export const sql = /* sql */ `
CREATE TABLE addon_catalog_version (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
) STRICT;
INSERT INTO addon_catalog_version (id, version) VALUES (1, 1);
${sources
  .flatMap((table) =>
    ["INSERT", "UPDATE", "DELETE"].map(
      (event) => `CREATE TRIGGER addon_catalog_${table}_${event.toLowerCase()} AFTER ${event} ON ${table}
  BEGIN UPDATE addon_catalog_version SET version = version + 1 WHERE id = 1; END;`,
    ),
  )
  .join("\n")}
`;
