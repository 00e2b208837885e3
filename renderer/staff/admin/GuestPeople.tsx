import type { GuestOnPhone } from "../../../contract/preferences";
import { bookingsLine, storedLine } from "./guestDataText";

/** A picked line: one person by the name listed, or everyone on the number. */
export type GuestPick = { kind: "person"; name: string } | { kind: "everyone" } | null;

function PersonText({ person }: { person: GuestOnPhone }) {
  return (
    <span className="person-text">
      <strong>
        <bdi>{person.name}</bdi>
      </strong>
      <span>{bookingsLine(person)}</span>
      <span>{storedLine(person.stored)}</span>
    </span>
  );
}

/**
 * The people booked on a number, one line each (`sameGuest`: "FISCHER, LENA" and "Lena Fischer" are one line), to
 * pick whose request it is; the list scrolls past a few. Everyone on the number is a choice apart, named as such.
 * One person: nothing to pick, their line is shown.
 */
export function GuestPeople({
  people,
  pick,
  onPick,
}: {
  people: GuestOnPhone[];
  pick: GuestPick;
  onPick: (pick: GuestPick) => void;
}) {
  const [only] = people;
  if (people.length === 1 && only)
    return (
      <div className="guest-people one">
        <p className="hint">Booked on this number:</p>
        <PersonText person={only} />
      </div>
    );
  return (
    <fieldset className="guest-people">
      <legend>{people.length} people are booked on this number. Whose request is it?</legend>
      <p className="hint">
        One line per person, however their bookings wrote the name. Two people whose names are spelled alike but for
        capitals and accents show as one line.
      </p>
      <div className="people-list">
        {people.map((person) => (
          <label key={person.name} className="person">
            <input
              type="radio"
              name="guest-person"
              checked={pick?.kind === "person" && pick.name === person.name}
              onChange={() => onPick({ kind: "person", name: person.name })}
            />
            <PersonText person={person} />
          </label>
        ))}
      </div>
      <label className="person everyone">
        <input
          type="radio"
          name="guest-person"
          checked={pick?.kind === "everyone"}
          onChange={() => onPick({ kind: "everyone" })}
        />
        <span className="person-text">
          <strong>Everyone on this number ({people.length} people)</strong>
          <span>Only when every one of them has asked.</span>
        </span>
      </label>
    </fieldset>
  );
}
