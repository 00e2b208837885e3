import type { Language } from "../contract/common";

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
        "Slow, rhythmic pressure brings fresh blood flow to the skin, so it looks fuller and brighter.",
        "Upward strokes work against sagging and soften the look of fine lines.",
        "Helps lymph drain away, leaving skin better nourished with a healthy glow.",
      ],
    },
    es: {
      title: "Masaje facial",
      benefits: [
        "Una presión lenta y rítmica activa la circulación: la piel se ve más firme y luminosa.",
        "Los movimientos hacia arriba contrarrestan la flacidez y suavizan las líneas finas.",
        "Favorece el drenaje linfático: la piel queda más nutrida y con un brillo saludable.",
      ],
    },
  },
  scalp: {
    en: {
      title: "Scalp massage",
      benefits: [
        "Kneading warms the scalp and boosts circulation to the hair follicles, feeding the roots.",
        "Conditions the scalp and can ease dryness and dandruff.",
        "Supports stronger, healthier-looking hair, and it is deeply relaxing.",
      ],
    },
    es: {
      title: "Masaje capilar",
      benefits: [
        "El amasado calienta el cuero cabelludo y lleva más sangre a los folículos, nutriendo la raíz.",
        "Acondiciona el cuero cabelludo y puede aliviar la resequedad y la caspa.",
        "Ayuda a tener un cabello más fuerte y sano, y relaja profundamente.",
      ],
    },
  },
};
