import { useState, type InputHTMLAttributes } from "react";
import { sessionStateSchema, type SessionState } from "../../contract/dashboard";
import { post } from "./api";
import { SignInSubmit } from "./SignInSubmit";

/** The owner's sign-in: email and password; a refusal (wrong, locked) says what happened and what to do. */
export function SignIn({ notice, onSignedIn }: { notice: string | null; onSignedIn: (state: SessionState) => void }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    post("/api/sign-in", { email, password }, sessionStateSchema).then(
      (state) => onSignedIn(state),
      (err: unknown) => {
        setError(err instanceof Error ? err.message : String(err));
        setPassword("");
        setBusy(false);
      },
    );
  };

  return (
    <section className="signin card" aria-labelledby="signin-title">
      <h1 id="signin-title">Sign in</h1>
      <p>Compare your locations' check-ins, add-on uptake and revenue.</p>
      {notice && !error && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={submit}>
        <Field
          label="Email"
          type="email"
          name="email"
          autoComplete="username"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <SignInSubmit error={error} busy={busy} />
      </form>
      <p className="other-way">
        A new browser, locked out? <a href="#/code">Sign in with a one-time code</a> made in a browser where you are
        signed in.
      </p>
    </section>
  );
}

/** A required field with its label around it. */
function Field({ label, ...input }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label>
      {label}
      <input required {...input} />
    </label>
  );
}
