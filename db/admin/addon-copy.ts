import type { Language } from "../../contract/common";
import type { DB } from "../open";
import { stmt } from "../stmt";
import { insertDefaultScreening } from "../screening/screening";

/**
 * The default guest-facing copy for the two add-ons, written for this product from the facts in
 * the spa's own article (blood flow, skin, lymph drainage; scalp, follicles, dandruff). Managers
 * can rewrite it in the back office; this is what a new installation starts with.
 */
export const defaultAddonCopy: Record<"face" | "scalp", Record<Language, { title: string; benefits: string[] }>> = {
  face: {
    en: {
      title: "Face massage",
      benefits: [
        "Gentle, even pressure gets blood moving in the skin, helping it look fuller and fresher.",
        "Lifting strokes that travel up the face help counter sagging.",
        "Encourages lymph to flow, so skin is better fed and gets a healthy glow.",
      ],
    },
    es: {
      title: "Masaje facial",
      benefits: [
        "Una presión suave y constante activa la circulación de la piel para que luzca más llena y fresca.",
        "Los movimientos que suben por el rostro ayudan a contrarrestar la flacidez.",
        "Estimula el flujo linfático: la piel recibe más nutrientes y gana un brillo saludable.",
      ],
    },
    zh: {
      title: "面部按摩",
      benefits: [
        "轻柔而均匀的按压促进皮肤的血液循环，让肌肤看起来更饱满、更清新。",
        "沿脸部向上提拉的手法，有助于改善松弛。",
        "促进淋巴流动，让肌肤获得更充足的养分，焕发健康光彩。",
      ],
    },
  },
  scalp: {
    en: {
      title: "Scalp massage",
      benefits: [
        "Warm, kneading moves help blood reach the hair follicles and roots.",
        "Keeps the scalp in good condition and can help with dryness and dandruff.",
        "Supports healthy hair, and the warmth is wonderfully relaxing.",
      ],
    },
    es: {
      title: "Masaje capilar",
      benefits: [
        "Movimientos cálidos de amasado ayudan a que la sangre llegue a los folículos y a la raíz del cabello.",
        "Mantiene el cuero cabelludo en buen estado y puede aliviar la resequedad y la caspa.",
        "Favorece un cabello sano, y el calor resulta muy relajante.",
      ],
    },
    zh: {
      title: "头皮按摩",
      benefits: [
        "温热的揉捏手法帮助血液流向毛囊和发根。",
        "保持头皮健康，并有助于缓解干燥和头屑。",
        "有益于头发健康，温热的感觉也让人十分放松。",
      ],
    },
  },
};

/**
 * The face and scalp add-ons a spa starts with: active, priced ($25, +15 min; $20, +10 min), with
 * the default copy above in every language and the shipped screening questions (version 1, saved
 * `at`), offered on the given services. Call inside a transaction; first run and the demo both
 * start this way.
 */
export function insertDefaultAddons(db: DB, serviceIds: readonly number[], at: Date): number[] {
  return (["face", "scalp"] as const).map((code, i) => {
    const id = Number(
      stmt(db, "INSERT INTO addons (code, price_cents, extra_minutes, sort_order) VALUES (?, ?, ?, ?)").run(
        code,
        code === "face" ? 2500 : 2000,
        code === "face" ? 15 : 10,
        i,
      ).lastInsertRowid,
    );
    for (const [lang, copy] of Object.entries(defaultAddonCopy[code])) {
      stmt(db, "INSERT INTO addon_texts (addon_id, lang, title, benefits) VALUES (?, ?, ?, ?)").run(
        id,
        lang,
        copy.title,
        JSON.stringify(copy.benefits),
      );
    }
    for (const serviceId of serviceIds)
      stmt(db, "INSERT INTO addon_services (addon_id, service_id) VALUES (?, ?)").run(id, serviceId);
    insertDefaultScreening(db, id, code, at);
    return id;
  });
}
