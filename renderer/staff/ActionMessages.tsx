/** What the last action came to: its failure, read out at once (alert), or what it did (status). */
export function ActionMessages({ error, ok }: { error: string | null; ok: string | null }) {
  return (
    <>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {ok && (
        <p className="ok" role="status">
          {ok}
        </p>
      )}
    </>
  );
}
