// Who is signed in. Locally the gateway signs development tokens for demo people; in
// production the token comes from the OpenID Connect provider (authorization code + PKCE).
import { createContext, useContext, useEffect, useMemo, useState } from "react";
import { UserManager } from "oidc-client-ts";
import { api, getToken, setToken, whenUnauthorized } from "./api.js";

const Session = createContext(null);

function claims(token) {
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const json = JSON.parse(decodeURIComponent(escape(atob(part))));
    const list = (v) => (v == null ? [] : Array.isArray(v) ? v : [v]);
    if (json.exp && json.exp * 1000 < Date.now()) return null;
    return { sub: json.sub, name: json.name ?? json.sub, roles: list(json.role), agency: json.agency ?? null, countries: list(json.country) };
  } catch {
    return null;
  }
}

let oidc = null;

async function oidcManager() {
  if (oidc) return oidc;
  const config = await api.get("/api/v1/auth/config");
  if (!config.authority || !config.clientId) return null;
  oidc = new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${location.origin}/`,
    post_logout_redirect_uri: `${location.origin}/`,
    scope: config.scope || "openid profile",
  });
  return oidc;
}

export function SessionProvider({ children }) {
  const [token, setCurrent] = useState(getToken);
  const [ready, setReady] = useState(false);
  const user = useMemo(() => (token ? claims(token) : null), [token]);

  useEffect(() => {
    whenUnauthorized(() => {
      setToken(null);
      setCurrent(null);
    });
    // Returning from the OpenID Connect provider.
    const params = new URLSearchParams(location.search);
    if (params.has("code") && params.has("state")) {
      oidcManager()
        .then((m) => m?.signinRedirectCallback())
        .then((u) => {
          if (u?.access_token) {
            setToken(u.access_token);
            setCurrent(u.access_token);
          }
          history.replaceState(null, "", "/");
        })
        .finally(() => setReady(true));
    } else setReady(true);
  }, []);

  const value = useMemo(
    () => ({
      user,
      ready,
      async signInAs(demo) {
        const { token: issued } = await api.post("/api/v1/auth/dev-token", demo);
        setToken(issued);
        setCurrent(issued);
      },
      async signInWithProvider() {
        const manager = await oidcManager();
        await manager.signinRedirect();
      },
      signOut() {
        setToken(null);
        setCurrent(null);
      },
      is: (role) => !!user?.roles.includes(role),
    }),
    [user, ready],
  );
  return <Session.Provider value={value}>{children}</Session.Provider>;
}

export function useSession() {
  return useContext(Session);
}
