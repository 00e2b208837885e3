import type { Locator, Page } from "@playwright/test";

/**
 * Measures how different two states of one element look, as a person sees them: the share of its pixels that
 * differ. No image library is installed, so the two screenshots are decoded and compared in a blank page of the
 * same browser (createImageBitmap and a canvas). Used by screen-states.spec.ts.
 */

/** A channel's difference below this (of 255) is antialiasing or a sub-pixel shift, not something a person sees. */
const CHANNEL_TOLERANCE = 40;

/**
 * The share (0..1) of pixels that differ between two PNG screenshots. Of different sizes, the shared top-left part
 * is compared and every pixel outside it counts as different.
 */
export async function pixelShare(page: Page, a: Buffer, b: Buffer): Promise<number> {
  const blank = await page.context().newPage();
  try {
    return await blank.evaluate(
      async ({ a, b, tolerance }) => {
        const decode = async (base64: string) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
          const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
          const ctx = canvas.getContext("2d");
          if (!ctx) throw new Error("no 2d canvas");
          ctx.drawImage(bitmap, 0, 0);
          return { w: bitmap.width, h: bitmap.height, data: ctx.getImageData(0, 0, bitmap.width, bitmap.height).data };
        };
        const [x, y] = [await decode(a), await decode(b)];
        const w = Math.min(x.w, y.w);
        const h = Math.min(x.h, y.h);
        const total = Math.max(x.w * x.h, y.w * y.h);
        let differ = total - w * h;
        for (let row = 0; row < h; row++)
          for (let col = 0; col < w; col++) {
            const i = (row * x.w + col) * 4;
            const j = (row * y.w + col) * 4;
            for (let c = 0; c < 3; c++)
              if (Math.abs((x.data[i + c] ?? 0) - (y.data[j + c] ?? 0)) > tolerance) {
                differ++;
                break;
              }
          }
        return differ / total;
      },
      { a: a.toString("base64"), b: b.toString("base64"), tolerance: CHANNEL_TOLERANCE },
    );
  } finally {
    await blank.close();
  }
}

/**
 * Shows the page as a person with no colour vision sees it (a greyscale filter on the page's root, set through its
 * style: the app's CSP refuses an added style sheet), or in colour again. A state told apart by colour alone measures
 * ~0 % here.
 */
export async function greyscale(page: Page, on: boolean): Promise<void> {
  await page.evaluate((on) => {
    if (on) document.documentElement.style.setProperty("filter", "grayscale(1)");
    else document.documentElement.style.removeProperty("filter");
  }, on);
}

/**
 * A screenshot of the element with its words hidden: what its look alone (fill, border, shape, icon) says. Through
 * each element's own style (the app's CSP refuses an added style sheet), put back after.
 */
export async function lookOnly(element: Locator): Promise<Buffer> {
  const words = (hide: boolean) =>
    element.evaluate((root, hide) => {
      for (const el of [root, ...Array.from(root.querySelectorAll("*"))] as HTMLElement[])
        if (hide) el.style.setProperty("color", "transparent", "important");
        else el.style.removeProperty("color");
    }, hide);
  await words(true);
  try {
    return await element.screenshot({ animations: "disabled" });
  } finally {
    await words(false);
  }
}

/** "12.3 %", for the figures a probe logs. */
export const percent = (share: number): string => `${(share * 100).toFixed(1)} %`;

/**
 * Holds every call the page makes on `channel` until `release` is called: the state a person sees while the main
 * process is slow to answer (a request in flight).
 */
export async function holdChannel(page: Page, channel: string): Promise<{ release: () => Promise<void> }> {
  await page.evaluate((held) => {
    const w = window as unknown as {
      __hhInvoke: (c: string, p: unknown, o: unknown) => Promise<unknown>;
      __hhHold?: { channel: string; waiting: (() => void)[] };
    };
    const real = w.__hhInvoke.bind(window);
    w.__hhHold = { channel: held, waiting: [] };
    const hold = w.__hhHold;
    w.__hhInvoke = (c, p, o) =>
      c === hold.channel
        ? new Promise<unknown>((resolve) => hold.waiting.push(() => resolve(real(c, p, o))))
        : real(c, p, o);
  }, channel);
  return {
    release: () =>
      page.evaluate(() => {
        const hold = (window as unknown as { __hhHold?: { channel: string; waiting: (() => void)[] } }).__hhHold;
        if (!hold) return;
        hold.channel = "";
        for (const go of hold.waiting.splice(0)) go();
      }),
  };
}
