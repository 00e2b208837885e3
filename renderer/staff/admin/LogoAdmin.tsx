import { useCallback, useEffect, useState } from "react";
import { LOGO_TYPE_MESSAGE, LOGO_TYPES } from "../../../contract/admin";
import { call } from "../../common/api";
import type { Guard } from "../useAuthGuard";
import { toFormError } from "./form";
import {
  fitsAsIs,
  shrunkText,
  sniffLogoType,
  tooBigText,
  unreadableText,
  type LogoType,
  type Picture,
} from "./logoFit";
import { shrinkLogo } from "./shrinkLogo";

const isLogoType = (t: string): t is LogoType => (LOGO_TYPES as readonly string[]).includes(t);

/** The bytes as base64, read in the renderer (no file paths cross to the main process). */
const readBase64 = (blob: Blob): Promise<string> =>
  blob.arrayBuffer().then((buf) => {
    let binary = "";
    const bytes = new Uint8Array(buf);
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
  });

/**
 * Back office › Kiosk settings › Logo: the picture a manager picks is checked for what it really is and, when it is
 * bigger than the kiosk shows or than the limit, made smaller here before it is sent (./logoFit.ts).
 */
export function LogoAdmin({ guard }: { guard: Guard }) {
  const [logo, setLogo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setLogo((await guard(call("app.logo", {}))).dataUrl);
    } catch (e) {
      setError(toFormError(e).message);
    }
  }, [guard]);
  useEffect(() => void load(), [load]);

  const send = async (blob: Blob, type: LogoType) =>
    setLogo((await guard(call("admin.setLogo", { mimeType: type, base64: await readBase64(blob) }))).dataUrl);

  const upload = async (file: File | undefined) => {
    setError(null);
    setNote(null);
    if (!file) return;
    if (file.size === 0) return setError("That file is empty.");
    const type = sniffLogoType(new Uint8Array(await file.slice(0, 8).arrayBuffer()));
    if (!type) return setError(isLogoType(file.type) ? unreadableText(file.type) : LOGO_TYPE_MESSAGE);
    setBusy(true);
    try {
      let bitmap: ImageBitmap;
      try {
        bitmap = await createImageBitmap(file);
      } catch {
        return setError(unreadableText(type));
      }
      const before: Picture = { width: bitmap.width, height: bitmap.height, bytes: file.size };
      if (fitsAsIs(before)) {
        bitmap.close();
        return await send(file, type);
      }
      const shrunk = await shrinkLogo(bitmap, type).finally(() => bitmap.close());
      if (!shrunk) return setError(tooBigText(before));
      await send(shrunk.blob, shrunk.type);
      setNote(shrunkText(before, { width: shrunk.width, height: shrunk.height, bytes: shrunk.blob.size }));
    } catch (e) {
      setError(toFormError(e).message);
    } finally {
      setBusy(false);
    }
  };
  const removeLogo = async () => {
    setNote(null);
    try {
      await guard(call("admin.clearLogo", {}));
      setLogo(null);
    } catch (e) {
      setError(toFormError(e).message);
    }
  };

  return (
    <section className="admin-form narrow" aria-labelledby="logo-title" aria-busy={busy}>
      <h2 id="logo-title">Logo</h2>
      <p className="hint">
        PNG or JPEG. Shown above the spa name on the kiosk; a big picture is made smaller here before it is saved.
      </p>
      <div className="logo-box">
        {logo ? (
          <img src={logo} alt="Current logo" className="logo-current" />
        ) : (
          <span className="hint">No logo yet</span>
        )}
      </div>
      <label className="field">
        <span>Upload a logo</span>
        <input
          type="file"
          accept={LOGO_TYPES.join(",")}
          disabled={busy}
          aria-invalid={error !== null}
          aria-describedby={error ? "logo-error" : undefined}
          onChange={(e) => {
            void upload(e.target.files?.[0]);
            e.target.value = "";
          }}
        />
      </label>
      {(busy || note) && (
        <p role="status" className="hint">
          {busy ? "Preparing the logo…" : note}
        </p>
      )}
      {error && (
        <p id="logo-error" className="field-error" role="alert">
          {error}
        </p>
      )}
      {logo && (
        <button type="button" className="secondary" onClick={() => void removeLogo()}>
          Remove logo
        </button>
      )}
    </section>
  );
}
