import { contextBridge, ipcRenderer } from "electron";
import { EVENT_CHANNEL, RPC_CHANNEL, type KioskBridge } from "../contract/bridge";

/**
 * The only thing a page gets from the main process: `window.kiosk`, two narrow calls.
 * The page never sees ipcRenderer itself.
 */
const bridge: KioskBridge = {
  invoke: (channel, payload, origin) => ipcRenderer.invoke(RPC_CHANNEL, channel, payload, origin),
  on: (event, listener) => {
    const handler = (_e: Electron.IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld("kiosk", bridge);
