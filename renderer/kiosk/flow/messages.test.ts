import { describe, expect, it } from "vitest";
import { refusal } from "../test-support/visits";
import { messageFor, offerMovedBy } from "./messages";
import { newWalkIn } from "./screen";
import { walkInFailed } from "./walkIn";

describe("which message a failure shows", () => {
  it("a visit gone or no longer active sends the guest to the desk; anything else is the general message", () => {
    expect(messageFor(refusal("NOT_FOUND"))).toBe("gone.missing");
    expect(messageFor(refusal("CONFLICT"))).toBe("gone.inactive");
    expect(messageFor(refusal("INTERNAL"))).toBe("error.generic");
    expect(messageFor(new TypeError("x"))).toBe("error.generic");
  });
  it("a walk-in refused says walk-ins are off, or the name is not letters", () => {
    expect(walkInFailed(newWalkIn(), refusal("FORBIDDEN"))).toMatchObject({
      error: "walkIn.errors.notAllowed",
      busy: false,
    });
    expect(walkInFailed(newWalkIn(), refusal("INVALID_INPUT"))).toMatchObject({ error: "walkIn.errors.lettersOnly" });
  });
  it("the offer is shown again only when the day moved under it; writes held for a time-zone change are the general message", () => {
    expect(offerMovedBy(refusal("NOT_AVAILABLE", "addonIds"))).toBe(true);
    expect(offerMovedBy(refusal("NOT_AVAILABLE", "screening"))).toBe(true);
    expect(offerMovedBy(refusal("NOT_AVAILABLE"))).toBe(false);
    expect(messageFor(refusal("NOT_AVAILABLE"))).toBe("error.generic");
    expect(offerMovedBy(refusal("CONFLICT"))).toBe(false);
  });
});
