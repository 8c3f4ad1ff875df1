import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { HashRouter, NavLink, Navigate, Route, Routes } from "react-router-dom";
import { LanguageProvider, useI18n } from "./i18n.jsx";
import { SessionProvider, useSession } from "./session.jsx";
import SignIn from "./pages/SignIn.jsx";
import Inbox from "./pages/Inbox.jsx";
import CaseList from "./pages/CaseList.jsx";
import CasePage from "./pages/CasePage.jsx";
import Queue from "./pages/Queue.jsx";
import Notifications from "./pages/Notifications.jsx";
import Dashboard from "./pages/Dashboard.jsx";
import Roadmaps from "./pages/Roadmaps.jsx";
import RoadmapPage from "./pages/RoadmapPage.jsx";
import ActionPage from "./pages/ActionPage.jsx";
import Upgrades from "./pages/Upgrades.jsx";
import "./styles.css";

function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <label className="lang">
      <span className="visually-hidden">{t("language")}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value)} aria-label={t("language")}>
        <option value="es">Español</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}

function Shell() {
  const { t } = useI18n();
  const { user, ready, signOut, is } = useSession();
  if (!ready) return null;
  // Administrators manage definitions, agencies and upgrades, not case content: without a
  // coordinator's, manager's or agency's role they see no case, so nothing leads them there.
  const monitoring = is("manager") || is("coordinator") || is("admin");
  const coordinating = is("coordinator");
  const casework = is("coordinator") || is("manager") || is("agent");
  const home = is("agent") ? "/bandeja" : is("manager") ? "/panel" : is("coordinator") ? "/casos" : is("admin") ? "/actualizaciones" : "/hojas-de-ruta";
  return (
    <>
      <a className="skip" href="#main">
        {t("skip")}
      </a>
      <header className="top">
        <div className="brand">
          <strong>{t("appName")}</strong>
          <span className="tagline">{t("tagline")}</span>
        </div>
        <div className="who">
          <LanguageSwitch />
          {user && (
            <>
              <span className="user" data-testid="signed-in-user">
                {t("signedInAs")} <strong>{user.name}</strong> · {user.roles.map((r) => t(`role.${r}`)).join(", ")}
                {user.agency ? ` · ${user.agency}` : ""}
              </span>
              <button type="button" className="secondary" onClick={signOut}>
                {t("signOut")}
              </button>
            </>
          )}
        </div>
      </header>
      {user && (
        <nav className="main-nav" aria-label={t("nav")}>
          {is("agent") && <NavLink to="/bandeja">{t("inbox")}</NavLink>}
          {casework && <NavLink to="/casos">{t("cases")}</NavLink>}
          {coordinating && <NavLink to="/pendientes">{t("queue")}</NavLink>}
          {coordinating && <NavLink to="/notificaciones">{t("notifications")}</NavLink>}
          {monitoring && <NavLink to="/panel">{t("dashboard")}</NavLink>}
          <NavLink to="/hojas-de-ruta">{t("roadmaps")}</NavLink>
          {is("admin") && <NavLink to="/actualizaciones">{t("upgrades.nav")}</NavLink>}
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        {user ? (
          <Routes>
            <Route path="/" element={<Navigate to={home} replace />} />
            <Route path="/bandeja" element={<Inbox />} />
            {casework && <Route path="/casos" element={<CaseList />} />}
            {casework && <Route path="/casos/:id" element={<CasePage />} />}
            {coordinating && <Route path="/pendientes" element={<Queue />} />}
            {coordinating && <Route path="/notificaciones" element={<Notifications />} />}
            <Route path="/panel" element={<Dashboard />} />
            <Route path="/hojas-de-ruta" element={<Roadmaps />} />
            <Route path="/hojas-de-ruta/:id" element={<RoadmapPage />} />
            <Route path="/hojas-de-ruta/:id/acciones/:actionId" element={<ActionPage />} />
            {is("admin") && <Route path="/actualizaciones" element={<Upgrades />} />}
            <Route path="*" element={<Navigate to={home} replace />} />
          </Routes>
        ) : (
          <SignIn />
        )}
      </main>
    </>
  );
}

createRoot(document.getElementById("root")).render(
  <StrictMode>
    <LanguageProvider>
      <SessionProvider>
        <HashRouter>
          <Shell />
        </HashRouter>
      </SessionProvider>
    </LanguageProvider>
  </StrictMode>,
);
