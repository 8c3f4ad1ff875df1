import { useState } from "react";
import { api } from "../api.js";
import { useI18n } from "../i18n.jsx";
import { useSession } from "../session.jsx";
import { Loader, PageTitle, ProblemText, useData } from "../ui.jsx";

export default function SignIn() {
  const { t } = useI18n();
  const { signInAs, signInWithProvider } = useSession();
  const config = useData(() => api.get("/api/v1/auth/config"), []);
  const demo = useData(() => (config.data?.devTokens ? api.get("/api/v1/auth/demo-users") : Promise.resolve([])), [config.data]);
  const [error, setError] = useState(null);
  const go = (p) => p.catch(setError);
  return (
    <section className="signin">
      <PageTitle>{t("signInTitle")}</PageTitle>
      <ProblemText error={error} />
      <Loader loading={config.loading || demo.loading} error={config.error || demo.error}>
        {config.data?.authority && (
          <p>
            <button type="button" onClick={() => go(signInWithProvider())}>
              {t("signInOidc")}
            </button>
          </p>
        )}
        {config.data?.devTokens && (
          <>
            <p>{t("signInDemo")}</p>
            <ul className="people">
              {(demo.data ?? []).map((u) => (
                <li key={u.sub}>
                  <button type="button" className="person" data-sub={u.sub} onClick={() => go(signInAs(u))}>
                    <strong>{u.name}</strong>
                    <span>
                      {u.roles.map((r) => t(`role.${r}`)).join(", ")}
                      {u.agency ? ` · ${u.agency}` : ""} · {u.countries.join(", ")}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </Loader>
    </section>
  );
}
