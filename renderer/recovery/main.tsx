import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RecoveryApp } from "./RecoveryApp";
import "./recovery.css";

createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <RecoveryApp />
  </StrictMode>,
);
