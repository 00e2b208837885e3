/** A third add-on for tests (the demo spa has two): a hand massage in the kiosk's three languages. */
export const HAND_MASSAGE = {
  code: "hand",
  priceCents: 1500,
  extraMinutes: 10,
  active: true,
  texts: {
    en: { title: "Hand massage", benefits: ["Warm oil for tired hands", "Softer skin"] },
    es: { title: "Masaje de manos", benefits: ["Aceite tibio para manos cansadas", "Piel más suave"] },
    zh: { title: "手部按摩", benefits: ["温热精油舒缓疲惫的双手", "肌肤更柔软"] },
  },
};
