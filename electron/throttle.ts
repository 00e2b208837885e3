/**
 * `send`, at most once every `ms` by the monotonic clock `now` (the first call goes at once); `flush` sends
 * the last call held back, if any. For progress pushed to the windows: a task tells how far it is after
 * every step, the windows hear it a few times a second.
 */
export function throttled<A extends unknown[]>(ms: number, now: () => number, send: (...args: A) => void) {
  let sentAt = Number.NEGATIVE_INFINITY;
  let held: A | null = null;
  return {
    call: (...args: A): void => {
      if (now() - sentAt < ms) {
        held = args;
        return;
      }
      held = null;
      sentAt = now();
      send(...args);
    },
    flush: (): void => {
      if (held) send(...held);
      held = null;
    },
  };
}
