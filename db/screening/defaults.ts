import type { ScreeningQuestion } from "../../contract/screening";

/**
 * The questions a spa starts with, written for this product from common massage-therapy guidance
 * (injectables, recent skin procedures, irritated or infected skin; scalp wounds and flares, hair
 * transplants, concussion, migraine; pregnancy asked, never refused). Each spa should confirm the
 * wording with its own policy; managers rewrite them in the back office, which saves a new version.
 */
export const defaultScreening: Record<"face" | "scalp", ScreeningQuestion[]> = {
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
};
