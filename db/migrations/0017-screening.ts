/** A string as an SQL literal. */
const literal = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/**
 * The version-1 questions as released with 0017, frozen: a released migration never changes, so an
 * edit of db/screening/defaults.ts (what a new spa starts with) must not reach a spa upgrading
 * later. Never edit this copy; db/migrations/0017-screening.test.ts pins it.
 */
export const SCREENING_V1 = {
  face: [
    {
      text: {
        en: "Have you had filler injections in your face in the last 2 weeks, or muscle-relaxing injections (like Botox) since yesterday?",
        es: "¿Se ha puesto rellenos faciales en las últimas 2 semanas, o inyecciones relajantes musculares (como bótox) desde ayer?",
        zh: "您最近两周内是否做过面部填充注射，或从昨天起注射过肉毒素等肌肉放松针剂？",
      },
      ifYes: "notToday",
      reason: "recent injections",
    },
    {
      text: {
        en: "Is the skin on your face sore today: sunburn, a rash, a cold sore, an acne or rosacea flare, or an infection?",
        es: "¿Tiene hoy la piel del rostro irritada: quemadura solar, sarpullido, herpes labial, brote de acné o rosácea, o una infección?",
        zh: "您今天面部皮肤是否不适：晒伤、皮疹、唇疱疹、痤疮或玫瑰痤疮发作，或有感染？",
      },
      ifYes: "notToday",
      reason: "skin irritated today",
    },
    {
      text: {
        en: "Have you had a peel, laser or surgery on your face in recent months, taken isotretinoin this past year, or are you pregnant?",
        es: "¿Se ha hecho un peeling, láser o cirugía facial en los últimos meses, tomado isotretinoína este año, o está embarazada?",
        zh: "您最近几个月是否做过面部换肤、激光或手术，过去一年服用过异维A酸，或者您正在怀孕？",
      },
      ifYes: "check",
      reason: "recent treatment or pregnancy",
    },
  ],
  scalp: [
    {
      text: {
        en: "Is your scalp sore today: a cut or open wound, a psoriasis or eczema flare, an infection or lice?",
        es: "¿Tiene hoy el cuero cabelludo irritado: un corte o herida abierta, un brote de psoriasis o eccema, una infección o piojos?",
        zh: "您今天头皮是否不适：有割伤或开放性伤口、银屑病或湿疹发作、感染或头虱？",
      },
      ifYes: "notToday",
      reason: "scalp irritated today",
    },
    {
      text: {
        en: "Have you had a hair transplant in the last 3 weeks, or a concussion a doctor has not yet cleared?",
        es: "¿Se ha hecho un trasplante capilar en las últimas 3 semanas, o tuvo una conmoción cerebral que un médico aún no ha dado de alta?",
        zh: "您最近三周内是否做过植发，或有脑震荡尚未得到医生认可痊愈？",
      },
      ifYes: "notToday",
      reason: "recent transplant or head injury",
    },
    {
      text: {
        en: "Do you have a migraine right now, or are you pregnant?",
        es: "¿Tiene migraña en este momento, o está embarazada?",
        zh: "您现在是否正在偏头痛发作，或者您正在怀孕？",
      },
      ifYes: "check",
      reason: "migraine or pregnancy",
    },
  ],
} as const;

/**
 * 0017: screening add-ons for contraindications (db/screening/). `screening_sets` keeps every
 * version of an add-on's questions (a manager's save adds the next; none is rewritten), so an
 * answer always reads with the questions it answered. `screening_answers` holds a guest's answers
 * for an add-on of their appointment: the set they answered, the outcome, when, and the desk's
 * acknowledgement of a "therapist will check". They are personal health data: retention erases
 * them with the guest's other details (db/maintenance/retention.ts).
 *
 * Spas that already have the face and scalp add-ons get the questions shipped with this release as
 * version 1 (SCREENING_V1, below). A new installation gets db/screening/defaults.ts instead, when
 * its first manager sets it up (insertDefaultAddons).
 */
export const sql = /* sql */ `
CREATE TABLE screening_sets (
  id         INTEGER PRIMARY KEY,
  addon_id   INTEGER NOT NULL REFERENCES addons(id),
  version    INTEGER NOT NULL CHECK (version >= 1),
  questions  TEXT NOT NULL CHECK (json_valid(questions) AND json_type(questions) = 'array' AND json_array_length(questions) <= 3),
  saved_at   TEXT NOT NULL,
  saved_by   INTEGER REFERENCES staff(id),
  UNIQUE (addon_id, version)
) STRICT;

CREATE TABLE screening_answers (
  appointment_id  INTEGER NOT NULL REFERENCES appointments(id),
  addon_id        INTEGER NOT NULL REFERENCES addons(id),
  set_id          INTEGER NOT NULL REFERENCES screening_sets(id),
  answers         TEXT NOT NULL CHECK (json_valid(answers) AND json_type(answers) = 'array'),
  outcome         TEXT NOT NULL CHECK (outcome IN ('fine', 'check', 'notToday')),
  answered_at     TEXT NOT NULL,
  acknowledged_by INTEGER REFERENCES staff(id),
  acknowledged_at TEXT,
  PRIMARY KEY (appointment_id, addon_id)
) STRICT;

-- A new version changes the kiosk's offer cards: the catalogue version (0009) moves with it.
CREATE TRIGGER addon_catalog_screening_sets_insert AFTER INSERT ON screening_sets
  BEGIN UPDATE addon_catalog_version SET version = version + 1 WHERE id = 1; END;

${(["face", "scalp"] as const)
  .map(
    (code) =>
      `INSERT INTO screening_sets (addon_id, version, questions, saved_at)
  SELECT id, 1, ${literal(JSON.stringify(SCREENING_V1[code]))}, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM addons WHERE code = '${code}';`,
  )
  .join("\n")}
`;
