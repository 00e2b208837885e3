import { useCallback, useEffect, useState } from "react";
import { offerReleaseSchema, releaseListSchema, type ChainOffer, type ReleaseList } from "../../contract/head-office";
import { money } from "../../renderer/common/format";
import { DashboardError, get, post } from "./api";

/** What the text box starts with before the chain's first release: the two add-ons every spa starts with. */
const FIRST_RELEASE: { offers: ChainOffer[] } = {
  offers: (["face", "scalp"] as const).map((code) => ({
    code,
    priceCents: code === "face" ? 2500 : 2000,
    extraMinutes: code === "face" ? 15 : 10,
    texts: {
      en: {
        title: code === "face" ? "Face massage" : "Scalp massage",
        benefits: ["Write the first benefit line.", "Write the second benefit line."],
      },
    },
    services: ["Swedish massage"],
    screening: [],
    allowLocalOverride: false,
  })),
};

/**
 * Chain offers: the releases head office published (newest first) and a text box to publish the
 * next one: the whole offer list as JSON (contract/head-office.ts releaseInputSchema), starting
 * from the newest release. Each location applies it on its next sync.
 */
export function Offers({ onSignedOut }: { onSignedOut: (e: DashboardError) => void }) {
  const [list, setList] = useState<ReleaseList | null>(null);
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const failed = useCallback(
    (e: unknown) => {
      if (e instanceof DashboardError && (e.code === "SIGNED_OUT" || e.code === "SESSION_EXPIRED")) onSignedOut(e);
      else setError(e instanceof Error ? e.message : String(e));
    },
    [onSignedOut],
  );
  const load = useCallback(
    () =>
      get("/api/offer-releases", releaseListSchema).then((l) => {
        setList(l);
        const newest = l.releases[0];
        setText(JSON.stringify(newest ? { offers: newest.offers } : FIRST_RELEASE, null, 2));
      }, failed),
    [failed],
  );
  useEffect(() => void load(), [load]);

  const publish = async () => {
    setError(null);
    setNotice(null);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      return setError(`Nothing was published: the release is not valid JSON (${e instanceof Error ? e.message : ""}).`);
    }
    setBusy(true);
    try {
      const release = await post("/api/offer-releases", body, offerReleaseSchema);
      await load();
      setNotice(`Published release ${release.number}. Each location applies it on its next sync.`);
    } catch (e) {
      failed(e);
    } finally {
      setBusy(false);
    }
  };

  const next = (list?.releases[0]?.number ?? 0) + 1;
  return (
    <section className="offers" aria-labelledby="offers-title">
      <h1 id="offers-title">Chain offers</h1>
      {!list && !error && <p role="status">Loading…</p>}
      {list && (
        <table className="report-table releases">
          <caption>Published releases, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Release</th>
              <th scope="col">Published</th>
              <th scope="col">Add-ons</th>
            </tr>
          </thead>
          <tbody>
            {list.releases.length === 0 && (
              <tr>
                <td colSpan={3}>None yet: every location sells its own add-ons.</td>
              </tr>
            )}
            {list.releases.map((r) => (
              <tr key={r.number}>
                <th scope="row">{r.number}</th>
                <td>
                  {new Date(r.publishedAt).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" })} by{" "}
                  {r.publishedBy}
                </td>
                <td>
                  <ul className="release-offers">
                    {r.offers.map((o) => (
                      <li key={o.code}>
                        <strong>{o.texts.en.title}</strong> ({o.code}): {money(o.priceCents, "en-US")}, +
                        {o.extraMinutes} min, on {o.services.join(", ")}; {o.screening.length} screening question
                        {o.screening.length === 1 ? "" : "s"};{" "}
                        {o.allowLocalOverride ? "locations may change it" : "locations may not change it"}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {/* Only once the list is in: loading fills the box with the newest release, which must never replace what
          the owner typed. */}
      {list && (
        <form
          className="publish"
          onSubmit={(e) => {
            e.preventDefault();
            void publish();
          }}
        >
          <label htmlFor="release-json">
            Release {next} (JSON: the whole offer list, in the order the kiosk shows it)
          </label>
          <textarea
            id="release-json"
            rows={24}
            spellCheck={false}
            value={text}
            onChange={(e) => setText(e.target.value)}
            aria-describedby={error ? "release-error" : undefined}
          />
          {error && (
            <p id="release-error" className="error" role="alert">
              {error}
            </p>
          )}
          {notice && (
            <p className="notice" role="status">
              {notice}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? "Publishing…" : `Publish release ${next}`}
          </button>
        </form>
      )}
    </section>
  );
}
