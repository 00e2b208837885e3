/**
 * 0014: a service's name in the kiosk's other languages. A guest reading the kiosk in Spanish or
 * Chinese sees "Masaje de tejido profundo" where the spa wrote it, and the English name where it
 * did not. The desk, the therapist's ticket and the reports keep the spa's own (English) name.
 */
export const sql = /* sql */ `
CREATE TABLE service_names (
  service_id INTEGER NOT NULL REFERENCES services(id),
  lang       TEXT NOT NULL CHECK (lang GLOB '[a-z][a-z]' AND lang != 'en'),
  name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  PRIMARY KEY (service_id, lang)
) STRICT, WITHOUT ROWID;
`;
