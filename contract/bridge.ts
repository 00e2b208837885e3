/**
 * What `window.kiosk` is in every renderer. The preload builds it over ipcRenderer; the browser
 * wiring (e2e, preview) builds it over a Playwright binding. Both carry the same two calls to the
 * same dispatcher, so only the transport differs.
 */
export interface KioskBridge {
  /**
   * Calls a contract channel; resolves with the raw Result envelope. `origin` says whether a
   * person's input led to the call ("person") or the app made it by itself ("app": a refresh
   * after a pushed event, a timer): only a person's calls keep a staff session from idling out.
   */
  invoke(channel: string, payload: unknown, origin?: CallOrigin): Promise<unknown>;
  /** Subscribes to a push event; returns the unsubscribe function. */
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export type CallOrigin = "person" | "app";
export const isPersonOrigin = (origin: unknown): boolean => origin === "person";

/** The Electron IPC channel names that carry the bridge. */
export const RPC_CHANNEL = "hh:rpc";
export const EVENT_CHANNEL = "hh:event";
