import { useCallback, useEffect, useState } from "react";
import type { Catalog, RoomAdmin, ServiceAdmin, TherapistAdmin } from "../../../contract/admin";
import { languageNames, languageOwnNames, otherLanguages, type OtherLanguageNames } from "../../../contract/common";
import { firstName } from "../../../contract/names";
import { call } from "../../common/api";
import { TableHead } from "../TableHead";
import { useAuthGuard, type Guard } from "../useAuthGuard";
import { ActiveCell, CellInput, cellInvalid, NameCell, SaveCell } from "./cells";
import {
  dollars,
  FieldError,
  FormBanner,
  localError,
  OfferRuleHint,
  parseDollars,
  parseWhole,
  toFormError,
  type FormError,
} from "./form";

function ServiceRow({ service, guard, onSaved }: { service: ServiceAdmin | null; guard: Guard; onSaved: () => void }) {
  const key = service ? `service-${service.id}` : "service-new";
  const label = service?.name ?? "new service";
  const [name, setName] = useState(service?.name ?? "");
  const [guestNames, setGuestNames] = useState<OtherLanguageNames>(service?.guestNames ?? {});
  const [minutes, setMinutes] = useState(service ? String(service.minutes) : "60");
  const [price, setPrice] = useState(service ? dollars(service.priceCents) : "");
  const [active, setActive] = useState(service?.active ?? true);
  const [error, setError] = useState<FormError | null>(null);
  const [saved, setSaved] = useState(false);

  const save = async () => {
    setSaved(false);
    const priceCents = parseDollars(price);
    if (priceCents === null) return setError(localError("priceCents", "Enter a price in dollars, e.g. 95 or 95.50."));
    const mins = parseWhole(minutes);
    if (mins === null) return setError(localError("minutes", "Enter the length in whole minutes."));
    try {
      await guard(
        call("admin.saveService", {
          ...(service ? { id: service.id } : {}),
          name,
          guestNames,
          minutes: mins,
          priceCents,
          active,
        }),
      );
      setError(null);
      setSaved(true);
      if (!service) {
        setName("");
        setGuestNames({});
        setPrice("");
      }
      onSaved();
    } catch (e) {
      setError(toFormError(e));
    }
  };
  return (
    <tr>
      <td>
        <NameCell label={label} rowKey={key} value={name} error={error} onValue={setName} />
        <FormBanner
          error={error}
          fields={["name", ...otherLanguages.map((l) => `guestNames.${l}`), "minutes", "priceCents"]}
        />
      </td>
      <td className="guest-names">
        {otherLanguages.map((lang) => (
          <label key={lang}>
            <span>{languageNames[lang]}</span>
            <input
              lang={lang}
              aria-label={`${label} in ${languageNames[lang]}`}
              value={guestNames[lang] ?? ""}
              placeholder={name}
              maxLength={100}
              onChange={(e) => setGuestNames((g) => ({ ...g, [lang]: e.target.value }))}
              {...cellInvalid(error, `guestNames.${lang}`, `${key}-name-${lang}`)}
            />
            <FieldError id={`${key}-name-${lang}`} error={error} field={`guestNames.${lang}`} />
          </label>
        ))}
      </td>
      <td>
        <CellInput
          aria-label={`Minutes of ${label}`}
          inputMode="numeric"
          className="short"
          value={minutes}
          maxLength={6}
          field="minutes"
          id={`${key}-minutes`}
          error={error}
          onValue={setMinutes}
        />
      </td>
      <td>
        <CellInput
          aria-label={`Price of ${label} ($)`}
          inputMode="decimal"
          className="short"
          value={price}
          maxLength={12}
          field="priceCents"
          id={`${key}-price`}
          error={error}
          onValue={setPrice}
        />
      </td>
      <ActiveCell label={label} active={active} onChange={setActive} />
      <td>{service ? (service.offerAddons ? "Offered" : "Not offered") : "Every active add-on"}</td>
      <SaveCell adds={!service} label="Add service" saved={saved} onSave={() => void save()} />
    </tr>
  );
}

function NamedRow<T extends TherapistAdmin | RoomAdmin>({
  kind,
  item,
  guard,
  onSaved,
}: {
  kind: "therapist" | "room";
  item: T | null;
  guard: Guard;
  onSaved: () => void;
}) {
  const key = `${kind}-${item?.id ?? "new"}`;
  const label = item?.name ?? `new ${kind}`;
  const [name, setName] = useState(item?.name ?? "");
  const [active, setActive] = useState(item?.active ?? true);
  const [error, setError] = useState<FormError | null>(null);
  const [saved, setSaved] = useState(false);
  const save = async () => {
    setSaved(false);
    try {
      const input = { ...(item ? { id: item.id } : {}), name, active };
      await guard(kind === "therapist" ? call("admin.saveTherapist", input) : call("admin.saveRoom", input));
      setError(null);
      setSaved(true);
      if (!item) setName("");
      onSaved();
    } catch (e) {
      setError(toFormError(e));
    }
  };
  // As the kiosk and the slip will name them, titles left out: "Dr. Ana Ruiz" is Ana.
  const guestName = firstName(name);
  return (
    <tr>
      <td>
        <NameCell label={label} rowKey={key} value={name} error={error} onValue={setName} />
        <FormBanner error={error} fields={["name"]} />
      </td>
      {kind === "therapist" && <td className="guest-name">{guestName}</td>}
      <ActiveCell label={label} active={active} onChange={setActive} />
      <SaveCell adds={!item} label={`Add ${kind}`} saved={saved} onSave={() => void save()} />
    </tr>
  );
}

/** Services, therapists and rooms. Nothing here is deleted: history points at it; deactivate instead. */
export function CatalogAdmin({ onAuthLost, onOpenAddons }: { onAuthLost: () => void; onOpenAddons: () => void }) {
  const guard = useAuthGuard(onAuthLost);
  const [data, setData] = useState<Catalog | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  // Rows keep their own edits; after a save the "add" rows start empty again (new `version`).
  const [version, setVersion] = useState(0);
  const load = useCallback(() => {
    guard(call("admin.catalog", {})).then(setData, (e: unknown) => setError(toFormError(e)));
  }, [guard]);
  useEffect(load, [load]);
  const reload = () => {
    load();
    setVersion((v) => v + 1);
  };
  if (!data)
    return error ? (
      <p className="error" role="alert">
        {error.message}
      </p>
    ) : (
      <p aria-busy="true">Loading…</p>
    );
  return (
    <div className="catalog">
      <section aria-labelledby="services-title">
        <h2 id="services-title">Services</h2>
        <p className="hint">
          A guest reading the kiosk in{" "}
          {otherLanguages.map((l) => `${languageNames[l]} (${languageOwnNames[l]})`).join(" or ")} sees a service under
          the name written for their language, or under its own name where none is written. The desk, tickets and
          reports always use its own name.
        </p>
        <OfferRuleHint onOpenAddons={onOpenAddons} />
        <table className="admin-table">
          <TableHead columns={["Name", "Guests see, by language", "Minutes", "Price ($)", "Active", "Add-on offer"]} />
          <tbody>
            {data.services.map((s) => (
              <ServiceRow key={s.id} service={s} guard={guard} onSaved={reload} />
            ))}
            <ServiceRow key={`new-${version}`} service={null} guard={guard} onSaved={reload} />
          </tbody>
        </table>
      </section>
      <section aria-labelledby="therapists-title">
        <h2 id="therapists-title">Therapists</h2>
        <p className="hint">Guests see a therapist's first name only.</p>
        <table className="admin-table">
          <TableHead columns={["Name", "Guests see", "Active"]} />
          <tbody>
            {data.therapists.map((t) => (
              <NamedRow key={t.id} kind="therapist" item={t} guard={guard} onSaved={reload} />
            ))}
            <NamedRow key={`new-${version}`} kind="therapist" item={null} guard={guard} onSaved={reload} />
          </tbody>
        </table>
      </section>
      <section aria-labelledby="rooms-title">
        <h2 id="rooms-title">Rooms</h2>
        <table className="admin-table">
          <TableHead columns={["Name", "Active"]} />
          <tbody>
            {data.rooms.map((r) => (
              <NamedRow key={r.id} kind="room" item={r} guard={guard} onSaved={reload} />
            ))}
            <NamedRow key={`new-${version}`} kind="room" item={null} guard={guard} onSaved={reload} />
          </tbody>
        </table>
      </section>
    </div>
  );
}
