/**
 * The audible arrival cue: a soft two-note chime made with WebAudio (no sound file to ship).
 * Muting is remembered per staff window (this window's localStorage).
 */
const MUTE_KEY = "happyhead.desk.muted";

export const isMuted = (): boolean => window.localStorage.getItem(MUTE_KEY) === "1";
export const setMuted = (muted: boolean): void => window.localStorage.setItem(MUTE_KEY, muted ? "1" : "0");

let context: AudioContext | null = null;

/**
 * Plays the chime after the next paint: opening the audio device the first time takes from a
 * frame to a sixth of a second, and the row or button that asked for the chime shows first.
 */
export function playArrivalChime(): void {
  if (isMuted()) return;
  requestAnimationFrame(() => setTimeout(chime, 0));
}

function chime(): void {
  try {
    context ??= new AudioContext();
    const ctx = context;
    void ctx.resume();
    const now = ctx.currentTime;
    for (const [i, freq] of [660, 880].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = "sine";
      osc.frequency.value = freq;
      const start = now + i * 0.18;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.35);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 0.4);
    }
  } catch {
    // No audio device: the visible cue is still there.
  }
}
