import { listAddonsAdmin } from "../db/admin/addons";
import { axeOn } from "./axe";
import { applyChainRelease } from "../db/sync/chain-offers";
import { chainOffer } from "../db/test/chain-offer";
import { DEMO_STAFF } from "../db/demo/seed-demo";
import { expect, signIn, test } from "./fixtures";

test("Back office marks head office's add-ons, disables what the chain does not let change, and Head office lists the release and what did not fit", async ({
  core,
  staff,
}) => {
  const [menu] = listAddonsAdmin(core.model).services.map((s) => s.name);
  applyChainRelease(core.model, {
    number: 3,
    publishedAt: "2026-12-01T10:00:00.000Z",
    offers: [
      chainOffer("face", { priceCents: 3200, services: [menu!, "Hot stone"] }),
      chainOffer("scalp", { services: [menu!], allowLocalOverride: true }),
    ],
  });
  await signIn(staff, DEMO_STAFF[0]);
  await staff.getByRole("button", { name: "Back office" }).click();

  await staff
    .getByRole("navigation", { name: "Add-ons" })
    .getByRole("button", { name: /Chain face massage/ })
    .click();
  await expect(staff.getByTestId("chain-managed")).toHaveText(
    "Managed by head office (release 3). Head office does not allow changing it here.",
  );
  await expect(staff.getByLabel("Price ($)")).toBeDisabled();
  await expect(staff.getByLabel("Title (English)")).toBeDisabled();
  await expect(staff.getByRole("button", { name: "Save add-on" })).toBeDisabled();
  await expect(staff.getByText("Set by head office (release 3)")).toBeVisible();
  await expect(staff.getByRole("button", { name: "Save questions (new version)" })).toBeDisabled();
  await staff.screenshot({ path: "test-results/chain-offers-addon.png", fullPage: true });
  expect((await axeOn(staff).analyze()).violations.map((v) => v.id)).toEqual([]);

  await staff
    .getByRole("navigation", { name: "Add-ons" })
    .getByRole("button", { name: /Chain scalp massage/ })
    .click();
  await expect(staff.getByTestId("chain-managed")).toContainText("You may change its price");
  await expect(staff.getByLabel("Code")).toBeDisabled();
  await staff.getByLabel("Price ($)").fill("27");
  await staff.getByRole("button", { name: "Save add-on" }).click();
  await expect(staff.getByTestId("chain-managed")).toContainText("You changed it here");
  await expect(staff.getByLabel("Price ($)")).toHaveValue("27");
  await staff.setViewportSize({ width: 1080, height: 1920 });
  await staff.screenshot({ path: "test-results/chain-offers-override-1080x1920.png" });
  await staff.getByRole("button", { name: "Use head office's values" }).click();
  await expect(staff.getByRole("status")).toContainText("Head office's values are back");
  await expect(staff.getByLabel("Price ($)")).toHaveValue("30");
  await expect(staff.getByTestId("chain-managed")).toContainText("You may change its price");

  await staff.getByRole("button", { name: "Head office", exact: true }).click();
  await expect(staff.getByTestId("chain-offers")).toContainText("Release 3, applied");
  await expect(staff.getByRole("list", { name: "What did not fit this spa" })).toContainText(
    "face: this spa has no service named “Hot stone”, so the add-on is not offered with it.",
  );
  await staff.screenshot({ path: "test-results/chain-offers-head-office.png", fullPage: true });
  expect((await axeOn(staff).analyze()).violations.map((v) => v.id)).toEqual([]);
});
