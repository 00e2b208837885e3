import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { initI18n } from "../common/i18n";
import { KioskApp } from "./KioskApp";
import { StaffDoor } from "./StaffDoor";
import "./kiosk.css";
import "./zoom.css";
import "./fit.css";

void initI18n("en").then(() => {
  createRoot(document.getElementById("root") as HTMLElement).render(
    <StrictMode>
      <KioskApp />
      <StaffDoor />
    </StrictMode>,
  );
});
