/**
 * 0005: the back office. The spa's logo lives in the database (one row, a small validated
 * PNG/JPEG/SVG) so it travels with backups and reaches the kiosk as a data: URL through a channel,
 * which the strict CSP allows (img-src 'self' data:). Add-on copy, prices and per-service offer
 * switches already have their tables in 0001.
 */
export const sql = /* sql */ `
CREATE TABLE spa_logo (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  mime_type  TEXT NOT NULL CHECK (mime_type IN ('image/png', 'image/jpeg', 'image/svg+xml')),
  data       BLOB NOT NULL CHECK (length(data) BETWEEN 1 AND 204800),
  updated_at TEXT NOT NULL
) STRICT;
`;
