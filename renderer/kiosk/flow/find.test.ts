import { describe, expect, it } from "vitest";
import { match, refusal } from "../test-support/visits";
import { afterSearch, findProblem, searchFailed, typeInFind } from "./find";
import { newFind } from "./screen";

describe("finding the booking", () => {
  it("a complete number or a 6-character code searches by itself; anything else waits for Find me", () => {
    expect(typeInFind(newFind("phone"), "5550102233").search).toBe(true);
    expect(typeInFind(newFind("phone"), "555010").search).toBe(false);
    expect(typeInFind(newFind("code"), "hh2233")).toMatchObject({
      search: true,
      screen: { value: "HH2233", error: null },
    });
    expect(typeInFind(newFind("phone"), "555-CALL")).toMatchObject({
      search: false,
      screen: { error: "find.errors.digitsOnly" },
    });
    expect(typeInFind({ ...newFind("phone"), busy: true }, "5550102233").search).toBe(false);
  });

  it("Find me refuses a number too short or a code too short, with the field's own message", () => {
    expect(findProblem({ ...newFind("phone"), value: "55501" })).toBe("find.errors.tooShort");
    expect(findProblem({ ...newFind("phone"), value: "0102233" })).toBeNull();
    expect(findProblem({ ...newFind("code"), value: "HH2" })).toBe("find.errors.codeFormat");
  });

  it("not found says what was searched: a number as the field grouped it, a code as typed", () => {
    const none = { matches: [], laterStartsAt: null };
    expect(afterSearch({ ...newFind("phone"), value: "5550109999" }, true, none)).toEqual({
      name: "notFound",
      mode: "phone",
      searched: "555 010 9999",
    });
    expect(afterSearch({ ...newFind("code"), value: "hh22" }, false, none)).toEqual({
      name: "notFound",
      mode: "code",
      searched: "HH22",
    });
  });

  it("a code searched by itself at 6 characters stays on the field with the code's not-found, never the number's", () => {
    const s = afterSearch({ ...newFind("code"), value: "HH9999" }, true, { matches: [], laterStartsAt: null });
    expect(s).toMatchObject({ name: "find", value: "HH9999", error: "notFound.bodyCode", busy: false });
  });

  it("one booking goes to Is this you? with the rest of the party not checked in and not over; several are listed, keeping how they were found", () => {
    const found = [match(1), match(2), match(3, { checkedIn: true }), match(4, { ended: true })];
    expect(
      afterSearch({ ...newFind("code"), value: "HH2233" }, true, { matches: [match(1)], laterStartsAt: null }),
    ).toEqual({
      name: "confirm",
      match: match(1),
      party: [],
      busy: false,
    });
    const many = afterSearch({ ...newFind("code"), value: "HH2233" }, true, { matches: found, laterStartsAt: null });
    expect(many).toEqual({ name: "matches", mode: "code", matches: found });
  });

  it("a booking on a later day says when, whatever else was found", () => {
    expect(afterSearch(newFind("phone"), false, { matches: [], laterStartsAt: "2026-12-09T18:00:00.000Z" })).toEqual({
      name: "later",
      mode: "phone",
      startsAt: "2026-12-09T18:00:00.000Z",
    });
  });

  it("a refused search is the field's error, in the words of its mode", () => {
    expect(searchFailed(newFind("phone"), refusal("INVALID_INPUT"))).toMatchObject({
      error: "find.errors.tooShort",
      busy: false,
    });
    expect(searchFailed(newFind("code"), refusal("INVALID_INPUT"))).toMatchObject({ error: "find.errors.codeFormat" });
    expect(searchFailed(newFind("code"), new Error("offline"))).toMatchObject({ error: "error.generic" });
  });
});
