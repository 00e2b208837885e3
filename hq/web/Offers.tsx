import { useCallback, useEffect, useState } from "react";
import {
  RELEASE_OFFERS_MAX,
  offerReleaseSchema,
  releaseListSchema,
  type ChainOffer,
  type OfferRelease,
  type ReleaseList,
} from "../../contract/head-office";
import { money } from "../../renderer/common/format";
import { AdminForm, FormBanner, type FormError } from "../../renderer/staff/admin/form";
import { DashboardError, get, post } from "./api";
import { OfferEditor } from "./OfferEditor";
import { forgetDrafts, keepDrafts, keptDrafts } from "./draftStore";
import { blankOffer, offerDraft, releaseFields, toRelease, type OfferDraft } from "./releaseDraft";
import { dateTimeText } from "./time";

/** What the form starts with before the chain's first release: the two add-ons every spa starts with. */
const FIRST_RELEASE: ChainOffer[] = (["face", "scalp"] as const).map((code) => ({
  code,
  priceCents: code === "face" ? 2500 : 2000,
  extraMinutes: code === "face" ? 15 : 10,
  texts: { en: { title: code === "face" ? "Face massage" : "Scalp massage", benefits: ["", ""] } },
  services: ["Swedish massage"],
  screening: [],
  allowLocalOverride: false,
}));

/** Head office's refusal, or no answer at all: shown above the form (a local check names its field instead). */
const pageError = (message: string): FormError => ({ field: undefined, message, code: "INTERNAL" });

const startName = (release: number | null) => (release ? `release ${release}` : "the two add-ons every spa has");

/**
 * What the form says when it holds the owner's changes kept from before a sign-in, a reload or a visit to the reports;
 * and when another release was published meanwhile, that publishing these replaces it.
 */
function restoredMessage(from: number | null, newest: number | null): string {
  const kept = "Your changes are as you left them, not published yet.";
  return from === newest || newest === null
    ? kept
    : `${kept} They start from ${startName(from)}; release ${newest ?? ""} has been published since, and publishing yours replaces it.`;
}

/**
 * Chain offers: the releases head office published (newest first) and the form that publishes the next one: the whole
 * offer list in the kiosk's order, starting from the newest release. Each location applies it on its next sync.
 */
export function Offers({ onSignedOut }: { onSignedOut: (e: DashboardError) => void }) {
  const [list, setList] = useState<ReleaseList | null>(null);
  const [drafts, setDrafts] = useState<OfferDraft[]>([]);
  /** The release the drafts started from (null: the two add-ons every spa has). */
  const [from, setFrom] = useState<number | null>(null);
  /** Changed by the owner since loaded: kept in the tab until published (draftStore.ts). */
  const [changed, setChanged] = useState(false);
  const [restored, setRestored] = useState<string | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const failed = useCallback(
    (e: unknown) => {
      if (e instanceof DashboardError && (e.code === "SIGNED_OUT" || e.code === "SESSION_EXPIRED")) onSignedOut(e);
      else setError(pageError(e instanceof Error ? e.message : String(e)));
    },
    [onSignedOut],
  );
  const startFrom = useCallback((l: ReleaseList) => {
    const newest = l.releases[0];
    setFrom(newest?.number ?? null);
    setDrafts((newest?.offers ?? FIRST_RELEASE).map(offerDraft));
    setChanged(false);
  }, []);
  /** The releases, and the form: the owner's unpublished changes when this tab kept some, else the newest release. */
  const load = useCallback(
    (keep: boolean) =>
      get("/api/offer-releases", releaseListSchema).then((l) => {
        setList(l);
        const kept = keep ? keptDrafts() : null;
        if (!kept) return startFrom(l);
        setFrom(kept.from);
        setDrafts(kept.drafts);
        setChanged(true);
        setRestored(restoredMessage(kept.from, l.releases[0]?.number ?? null));
      }, failed),
    [failed, startFrom],
  );
  useEffect(() => void load(true), [load]);
  useEffect(() => {
    if (changed) keepDrafts(from, drafts);
  }, [changed, from, drafts]);

  const change = (next: OfferDraft[]) => {
    setDrafts(next);
    setChanged(true);
    setNotice(null);
  };
  const edit = (i: number, patch: Partial<OfferDraft>) => {
    change(drafts.map((d, k) => (k === i ? { ...d, ...patch } : d)));
    // The message was about this add-on as it stood: once it changes, the next publish checks it again.
    if (error?.field?.startsWith(`offers.${i}.`)) setError(null);
  };
  const move = (i: number, by: -1 | 1) => {
    const moved = [...drafts];
    const [d] = moved.splice(i, 1);
    if (d) moved.splice(i + by, 0, d);
    change(moved);
    // The refusal named a field by its place in the list, which has just changed.
    setError(null);
  };
  const remove = (i: number) => {
    change(drafts.filter((_, k) => k !== i));
    setError(null);
  };
  const startAgain = () => {
    forgetDrafts();
    setRestored(null);
    setError(null);
    if (list) startFrom(list);
  };

  const publish = async () => {
    setError(null);
    setNotice(null);
    const checked = toRelease(drafts);
    if ("error" in checked) return setError(checked.error);
    setBusy(true);
    try {
      const release = await post(
        "/api/offer-releases",
        { ...checked.release, basedOn: list?.releases[0]?.number ?? null },
        offerReleaseSchema,
      );
      forgetDrafts();
      setRestored(null);
      await load(false);
      setNotice(`Published release ${release.number}. Each location applies it on its next sync.`);
    } catch (e) {
      failed(e);
      // Another owner published meanwhile: the list shows theirs, the form keeps these; publishing again replaces it.
      if (e instanceof DashboardError && e.code === "RELEASE_CONFLICT") await load(true);
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
                  {dateTimeText(r.publishedAt)} by {r.publishedBy}
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
      {/* Only once the list is in: loading fills the form (with the newest release, or the changes this tab kept),
          which must never replace what the owner typed. */}
      {list && (
        <AdminForm error={error} className="publish" titleId="publish-title" onSubmit={() => void publish()}>
          <h2 id="publish-title">Release {next}</h2>
          <p className="hint">
            The whole list of add-ons, in the order the kiosk shows them, starting from {startName(from)}. Copy in a
            language left blank shows the English copy to guests reading it.
          </p>
          {restored && (
            <p className="notice" role="status">
              {restored}
            </p>
          )}
          <FormBanner error={error} fields={releaseFields(drafts)} />
          {drafts.map((d, i) => (
            <OfferEditor
              key={d.key}
              index={i}
              count={drafts.length}
              draft={d}
              error={error}
              onChange={(patch) => edit(i, patch)}
              onMove={(by) => move(i, by)}
              onRemove={() => remove(i)}
            />
          ))}
          {drafts.length < RELEASE_OFFERS_MAX && (
            <button type="button" className="secondary" onClick={() => change([...drafts, blankOffer(drafts.at(-1))])}>
              Add an add-on
            </button>
          )}
          <Withdrawn newest={list.releases[0]} drafts={drafts} next={next} />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? "Publishing…" : `Publish release ${next}`}
            </button>
            {changed && (
              <button type="button" className="secondary" onClick={startAgain}>
                Start again from {startName(list.releases[0]?.number ?? null)}
              </button>
            )}
            {notice && (
              <p className="notice" role="status">
                {notice}
              </p>
            )}
          </div>
        </AdminForm>
      )}
    </section>
  );
}

/**
 * The newest release's add-ons this one leaves out (removed, or their code changed): each location stops offering them
 * on its next sync, so the form says so before the owner publishes.
 */
function Withdrawn({ newest, drafts, next }: { newest: OfferRelease | undefined; drafts: OfferDraft[]; next: number }) {
  const codes = new Set(drafts.map((d) => d.code.trim()));
  const gone = newest?.offers.filter((o) => !codes.has(o.code)) ?? [];
  if (gone.length === 0) return null;
  return (
    <p className="warning">
      Not in release {next}: {gone.map((o) => `${o.texts.en.title} (${o.code})`).join(", ")}. Every location stops
      offering {gone.length === 1 ? "it" : "them"} on its next sync.
    </p>
  );
}
