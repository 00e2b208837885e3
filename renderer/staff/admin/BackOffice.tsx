import { useState } from "react";
import type { StaffSummary } from "../../../contract/channels";
import { AddonsAdmin } from "./addons/AddonsAdmin";
import { CatalogAdmin } from "./CatalogAdmin";
import { GuestDataAdmin } from "./GuestDataAdmin";
import { HeadOfficeAdmin } from "./HeadOfficeAdmin";
import { KioskAdmin } from "./KioskAdmin";
import { StaffAdmin } from "./staff/StaffAdmin";
import "./admin.css";

const SECTIONS = [
  { id: "addons", label: "Add-on offers" },
  { id: "catalog", label: "Catalog" },
  { id: "staff", label: "Staff" },
  { id: "kiosk", label: "Kiosk" },
  { id: "head-office", label: "Head office" },
  { id: "guest-data", label: "Guest data" },
] as const;
type Section = (typeof SECTIONS)[number]["id"];

/** The manager's back office: everything a spa changes without calling a developer. */
export function BackOffice({ me, onAuthLost }: { me: StaffSummary; onAuthLost: () => void }) {
  const [section, setSection] = useState<Section>("addons");
  return (
    <section className="back-office" aria-labelledby="back-office-title">
      <h1 id="back-office-title">Back office</h1>
      <nav className="subtabs" aria-label="Back office sections">
        {SECTIONS.map((s) => (
          <button
            key={s.id}
            type="button"
            className={section === s.id ? "tab active" : "tab"}
            aria-current={section === s.id ? "page" : undefined}
            onClick={() => setSection(s.id)}
          >
            {s.label}
          </button>
        ))}
      </nav>
      {section === "addons" && <AddonsAdmin onAuthLost={onAuthLost} />}
      {section === "catalog" && <CatalogAdmin onAuthLost={onAuthLost} onOpenAddons={() => setSection("addons")} />}
      {section === "staff" && <StaffAdmin me={me} onAuthLost={onAuthLost} />}
      {section === "kiosk" && <KioskAdmin onAuthLost={onAuthLost} onOpenAddons={() => setSection("addons")} />}
      {section === "head-office" && <HeadOfficeAdmin onAuthLost={onAuthLost} />}
      {section === "guest-data" && <GuestDataAdmin onAuthLost={onAuthLost} />}
    </section>
  );
}
