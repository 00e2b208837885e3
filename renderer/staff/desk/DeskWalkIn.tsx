import { useEffect, useId, useRef, useState } from "react";
import type { AppInfo, DeskOptions, QueueItem, WalkIn, WalkInAvailability } from "../../../contract/channels";
import { call, messageOf } from "../../common/api";
import { ApiError } from "../../common/api-error";
import { clockTime } from "../../common/format";
import { AddonChecks } from "./AddonChecks";
import { speaksText } from "./deskText";
import { useDialogKeys } from "./useDialogKeys";

type Choice = WalkInAvailability["therapists"][number];

/**
 * The first of `choices` free for the whole session, else the first at all (the desk may still pick a busy one and be
 * told why).
 */
const firstFree = (choices: Choice[]): number => (choices.find((c) => c.busy === null) ?? choices[0])?.id ?? 0;

/** Said before the receptionist tries: nobody (or no room) is free for the whole session from now. */
function nobodyFree(a: WalkInAvailability): string | null {
  const none = [
    a.therapists.every((c) => c.busy !== null) && "therapist",
    a.rooms.every((c) => c.busy !== null) && "room",
  ].filter(Boolean);
  return none.length === 0
    ? null
    : `No ${none.join(" and no ")} is free for the whole session from now. A shorter service may fit.`;
}

/**
 * A guest without a booking: booked from now and checked in at the desk in one step. Each
 * therapist and room says whether it is free for the whole session, and a free one is picked
 * until the receptionist picks one. `from`: the name the guest left at the kiosk, which the
 * booking takes off the waiting list.
 */
export function DeskWalkIn({
  options,
  info,
  from,
  guard,
  onClose,
  onCreated,
}: {
  options: DeskOptions;
  info: AppInfo;
  from: WalkIn | null;
  guard: <T>(p: Promise<T>) => Promise<T>;
  onClose: () => void;
  onCreated: (item: QueueItem) => void;
}) {
  const titleId = useId();
  const [guestName, setGuestName] = useState(from?.firstName ?? "");
  const [phone, setPhone] = useState("");
  const [serviceId, setServiceId] = useState(options.services[0]?.id ?? 0);
  const [therapistId, setTherapistId] = useState(options.therapists[0]?.id ?? 0);
  const [roomId, setRoomId] = useState(options.rooms[0]?.id ?? 0);
  /** Picked by the receptionist: no longer moved to a free one when the service changes. */
  const picked = useRef({ therapist: false, room: false });
  const [availability, setAvailability] = useState<WalkInAvailability | null>(null);
  /** Asked again after a booking is refused for a clash: another desk may have just taken the one that was free. */
  const [asked, setAsked] = useState(0);
  const [addonIds, setAddonIds] = useState<number[]>([]);
  const [error, setError] = useState<{ field: string | undefined; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useDialogKeys(onClose);

  useEffect(() => {
    let current = true;
    guard(call("desk.walkInAvailability", { serviceId })).then(
      (a) => {
        if (!current) return;
        setAvailability(a);
        if (!picked.current.therapist) setTherapistId(firstFree(a.therapists));
        if (!picked.current.room) setRoomId(firstFree(a.rooms));
      },
      // Without it the lists still work: booking a busy one is refused with who is booked when.
      () => current && setAvailability(null),
    );
    return () => {
      current = false;
    };
  }, [serviceId, guard, asked]);

  /** The add-ons this service may carry: the ones to ask the guest about. */
  const offered = options.addons.filter((a) => a.serviceIds.includes(serviceId));
  /** Ticked, among those: a tick on an add-on of the service picked before doesn't carry over. */
  const chosen = addonIds.filter((id) => offered.some((a) => a.id === id));
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onCreated(
        await guard(
          call("desk.walkIn", {
            guestName,
            phone,
            serviceId,
            therapistId,
            roomId,
            addonIds: chosen,
            ...(from ? { walkInId: from.walkInId } : {}),
          }),
        ),
      );
    } catch (e) {
      const field = e instanceof ApiError ? e.field : undefined;
      setError({ field, message: messageOf(e) });
      if (field === "therapistId" || field === "roomId") setAsked((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };
  const invalid = (f: string) => (error?.field === f ? true : undefined);
  const time = (iso: string) => clockTime(iso, info.timeZone, "en-US");
  /** "Ana Ruiz — free", "Ben Carter — booked 9:30–10:30 AM": from the availability when it came. */
  const label = (kind: "therapists" | "rooms", id: number, name: string): string => {
    const choice = availability?.[kind].find((c) => c.id === id);
    if (!choice) return name;
    return choice.busy
      ? `${name} — booked ${time(choice.busy.startsAt)}–${time(choice.busy.endsAt)}`
      : `${name} — free`;
  };

  return (
    <div className="overlay" role="presentation">
      <div className="dialog form-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <form
          className="form-stack"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <h2 id={titleId}>{from ? `Book ${from.firstName} in` : "Walk-in"}</h2>
          {from && (
            <p className="note">
              Left their name at the kiosk at {time(from.arrivedAt)}
              {from.lang !== info.languages[0] ? ` · ${speaksText(from.lang)}` : ""}. Add a last name if you like.
            </p>
          )}
          <label>
            Guest name
            <input
              value={guestName}
              autoFocus
              aria-invalid={invalid("guestName")}
              onChange={(e) => setGuestName(e.target.value)}
            />
          </label>
          <label>
            Mobile number
            <input
              value={phone}
              inputMode="tel"
              maxLength={40}
              aria-invalid={invalid("phone")}
              onChange={(e) => setPhone(e.target.value)}
            />
          </label>
          <label>
            Service
            <select
              value={serviceId}
              aria-invalid={invalid("serviceId")}
              onChange={(e) => setServiceId(Number(e.target.value))}
            >
              {options.services.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.minutes} min)
                </option>
              ))}
            </select>
          </label>
          {availability && (
            <p className="note">
              From now: {time(availability.startsAt)} – {time(availability.endsAt)}
            </p>
          )}
          {availability && nobodyFree(availability) && (
            <p className="note" role="status">
              {nobodyFree(availability)}
            </p>
          )}
          <label>
            Therapist
            <select
              value={therapistId}
              aria-invalid={invalid("therapistId")}
              onChange={(e) => {
                setTherapistId(Number(e.target.value));
                picked.current.therapist = true;
              }}
            >
              {options.therapists.map((t) => (
                <option key={t.id} value={t.id}>
                  {label("therapists", t.id, t.name)}
                </option>
              ))}
            </select>
          </label>
          <label>
            Room
            <select
              value={roomId}
              aria-invalid={invalid("roomId")}
              onChange={(e) => {
                setRoomId(Number(e.target.value));
                picked.current.room = true;
              }}
            >
              {options.rooms.map((r) => (
                <option key={r.id} value={r.id}>
                  {label("rooms", r.id, r.name)}
                </option>
              ))}
            </select>
          </label>
          {offered.length > 0 && (
            <fieldset className="addon-pick">
              <legend>Add-ons: ask the guest</legend>
              <AddonChecks addons={offered} selected={chosen} onChange={setAddonIds} />
            </fieldset>
          )}
          {error && (
            <p className="error" role="alert">
              {error.message}
            </p>
          )}
          <div className="row-buttons">
            <button type="submit" className="primary" disabled={busy}>
              Book, check in and print ticket
            </button>
            <button type="button" className="secondary" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
