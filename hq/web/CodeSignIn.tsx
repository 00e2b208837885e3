import { useRef, useState } from "react";
import { sessionStateSchema, type SessionState } from "../../contract/dashboard";
import { post } from "./api";
import { SignInSubmit } from "./SignInSubmit";

/**
 * A new browser signs in with a one-time code made in one where the owner is signed in (New browser): typed, or
 * brought by the link that carries it (`#/code/<code>`). The code goes to head office only when the owner presses Sign
 * in, so a chat app's preview of the link spends nothing.
 */
export function CodeSignIn({ initial, onSignedIn }: { initial: string; onSignedIn: (state: SessionState) => void }) {
  const [code, setCode] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    post("/api/sign-in-with-code", { code }, sessionStateSchema).then(
      (state) => {
        // The address bar and history keep no code.
        window.history.replaceState(null, "", "#/");
        onSignedIn(state);
      },
      (err: unknown) => {
        setError(err instanceof Error ? err.message : String(err));
        setBusy(false);
        field.current?.focus();
      },
    );
  };

  return (
    <section className="signin card" aria-labelledby="code-title">
      <h1 id="code-title">
        Sign in with a <span className="nowrap">one-time</span> code
      </h1>
      <p>
        On a browser where you are signed in, open <strong>New browser</strong> and make a code. Type it here, or open
        its link on this browser.
      </p>
      <form onSubmit={submit}>
        <label>
          One-time code
          <input
            ref={field}
            required
            name="one-time-code"
            className="code-input"
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder="XXXX-XXXX-XXXX-XXXX"
            aria-describedby="code-hint"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
        </label>
        <p id="code-hint" className="hint">
          16 letters and digits; dashes, spaces and capitals as you like.
        </p>
        <SignInSubmit error={error} busy={busy} />
      </form>
      <p className="other-way">
        <a href="#/">Sign in with your password instead</a>
      </p>
    </section>
  );
}
