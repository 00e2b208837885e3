import { useCallback } from "react";
import { ApiError } from "../common/api-error";

/** A staff action wrapped by `useAuthGuard`. */
export type Guard = <T>(p: Promise<T>) => Promise<T>;

/** Wraps a staff action so an idle lock (NOT_AUTHENTICATED) sends the user back to the PIN pad. */
export function useAuthGuard(onAuthLost: () => void): Guard {
  return useCallback(
    async <T>(p: Promise<T>) => {
      try {
        return await p;
      } catch (e) {
        if (e instanceof ApiError && e.code === "NOT_AUTHENTICATED") onAuthLost();
        throw e;
      }
    },
    [onAuthLost],
  );
}
