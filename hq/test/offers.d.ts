import type { ChainOffer } from "../../contract/head-office";
/** A chain offer as an owner would publish it: `code`'s copy in English and Spanish, on Swedish and Deep tissue. */
export declare const chainOffer: (code: string, over?: Partial<ChainOffer>) => ChainOffer;
