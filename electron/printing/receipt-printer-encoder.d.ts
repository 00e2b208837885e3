/** The subset of @point-of-sale/receipt-printer-encoder (which ships no types) used by escpos.ts. */
declare module "@point-of-sale/receipt-printer-encoder" {
  export type ReceiptPrinterEncoderOptions = {
    language: "esc-pos";
    columns: 32 | 35 | 42 | 44 | 48;
    codepageMapping?: string;
    newline?: "\n" | "\n\r";
    feedBeforeCut?: number;
    errors?: "relaxed" | "strict";
  };

  export default class ReceiptPrinterEncoder {
    constructor(options: ReceiptPrinterEncoderOptions);
    initialize(): this;
    codepage(codepage: string): this;
    text(value: string): this;
    newline(): this;
    raw(bytes: number[]): this;
    bold(value: boolean): this;
    invert(value: boolean): this;
    size(width: number, height: number): this;
    cut(value?: "full" | "partial"): this;
    encode(): Uint8Array;
  }
}
