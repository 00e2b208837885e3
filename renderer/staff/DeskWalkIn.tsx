import { useId, useState } from "react";
import type { DeskOptions, QueueItem } from "../../contract/channels";
import { ApiError, call, messageOf } from "../common/api";
import { useDialogKeys } from "./useDialogKeys";

/** A guest without a booking: booked from now and checked in at the desk in one step. */
export function DeskWalkIn({ options, guard, onClose, onCreated }: {
  options: DeskOptions;
  guard: <T>(p: Promise<T>) => Promise<T>;
  onClose: () => void;
  onCreated: (item: QueueItem) => void;
}) {
  const titleId = useId();
  const [guestName, setGuestName] = useState("");
  const [phone, setPhone] = useState("");
  const [serviceId, setServiceId] = useState(options.services[0]?.id ?? 0);
  const [therapistId, setTherapistId] = useState(options.therapists[0]?.id ?? 0);
  const [roomId, setRoomId] = useState(options.rooms[0]?.id ?? 0);
  const [error, setError] = useState<{ field: string | undefined; message: string } | null>(null);
  const [busy, setBusy] = useState(false);
  useDialogKeys(onClose);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      onCreated(await guard(call("desk.walkIn", { guestName, phone, serviceId, therapistId, roomId })));
    } catch (e) {
      setError({ field: e instanceof ApiError ? e.field : undefined, message: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };
  const invalid = (f: string) => (error?.field === f ? true : undefined);

  return (
    <div className="overlay" role="presentation">
      <div className="dialog form-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
      <form className="form-stack" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <h2 id={titleId}>Walk-in</h2>
        <label>Guest name<input value={guestName} maxLength={80} autoFocus aria-invalid={invalid("guestName")} onChange={(e) => setGuestName(e.target.value)} /></label>
        <label>Mobile number<input value={phone} inputMode="tel" maxLength={40} aria-invalid={invalid("phone")} onChange={(e) => setPhone(e.target.value)} /></label>
        <label>Service
          <select value={serviceId} onChange={(e) => setServiceId(Number(e.target.value))}>
            {options.services.map((s) => <option key={s.id} value={s.id}>{s.name} ({s.minutes} min)</option>)}
          </select>
        </label>
        <label>Therapist
          <select value={therapistId} aria-invalid={invalid("therapistId")} onChange={(e) => setTherapistId(Number(e.target.value))}>
            {options.therapists.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </label>
        <label>Room
          <select value={roomId} aria-invalid={invalid("roomId")} onChange={(e) => setRoomId(Number(e.target.value))}>
            {options.rooms.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
          </select>
        </label>
        {error && <p className="error" role="alert">{error.message}</p>}
        <div className="row-buttons">
          <button type="submit" className="primary" disabled={busy}>Book and check in now</button>
          <button type="button" className="secondary" onClick={onClose}>Cancel</button>
        </div>
      </form>
      </div>
    </div>
  );
}
