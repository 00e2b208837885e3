/** The end of a sign-in form (password or one-time code): why the last try was refused, then Sign in. */
export function SignInSubmit({ error, busy }: { error: string | null; busy: boolean }) {
  return (
    <>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </>
  );
}
