import type { ChainOffer } from "../../contract/head-office";

/** A chain offer as an owner would publish it: `code`'s copy in English and Spanish, on Swedish and Deep tissue. */
export const chainOffer = (code: string, over: Partial<ChainOffer> = {}): ChainOffer => ({
  code,
  priceCents: 3000,
  extraMinutes: 15,
  texts: {
    en: { title: `Chain ${code} massage`, benefits: ["Eases tension.", "Leaves you refreshed."] },
    es: { title: `Masaje ${code} de la cadena`, benefits: ["Alivia la tensión.", "Te deja renovado."] },
  },
  services: ["Swedish", "Deep tissue"],
  screening: [
    {
      text: { en: "Any skin irritation today?", es: "¿Irritación de la piel hoy?", zh: "今天皮肤有刺激吗？" },
      ifYes: "check",
      reason: "skin irritation",
    },
  ],
  allowLocalOverride: false,
  ...over,
});
