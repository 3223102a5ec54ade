import express from "express";
import type { Express } from "express";
import session from "express-session";
import helmet from "helmet";
import cookieParser from "cookie-parser";
import type { Store } from "express-session";
import type { Config } from "../config";
import { parseTrustProxy } from "../config";
import type { Db } from "./platform/db/prisma";
import type { KeyValueStore } from "./platform/kv/store";
import type { Logger } from "./platform/logger";
import type { ServiceHealth } from "./platform/service-health";
import { noStore } from "./platform/http/no-store";
import { rejectNul } from "./platform/http/reject-nul";
import { createCsrf } from "./platform/http/csrf";
import { newSessionId, SESSION_COOKIE } from "./platform/session-store";
import type { FindSessionAccount } from "./accounts/find-session-account";
import type { SessionVersions } from "./accounts/session-versions";
import type { FirmDirectory } from "./firms/firm-directory";
import type { CompanyResolver } from "./portal/company-resolver";
import type { FirmConnectors } from "./psa/firm-connectors";
import { createLockout } from "./sign-in/lockout";
import { createPassport } from "./sign-in/passport";
import { mountAdminApi, mountRoutes } from "./routes";
import { countRequests } from "./platform/metrics/http-metrics";

export interface AppDeps {
  config: Config;
  db: Db;
  /** The session's account, when the session store did not bring it along (accounts/session-accounts.ts). */
  findSessionAccount: FindSessionAccount;
  /** Bumped by every account change, so sessions see it on their next request (accounts/change-account.ts). */
  sessionVersions: SessionVersions;
  store: KeyValueStore;
  sessionStore: Store;
  sessionSecret: string;
  logger: Logger;
  /** The database's and the store's reachability, and the one place an outage is logged. */
  health: ServiceHealth;
  /** Each firm's PSA connector (psa/firm-connectors.ts). */
  connectors: FirmConnectors;
  /** Company resolution through the firm's PSA, cached and coalesced (portal/company-resolver.ts). */
  resolver: CompanyResolver;
  /** Cached firm lookups (slug, custom domain, template settings). */
  directory: FirmDirectory;
  /** Email delivery: the app only kicks it after queueing an email (platform/mail/mail-delivery-job.ts). */
  mail: { kick(): void };
  /** The company-scoping sync: a staff "Run now" or a PSA webhook asks for a run, and kicks it to start soon. */
  sync: { kick(): void };
}

/** Build the Express app. No port is opened here: the server listens, tests drive it with supertest. */
export function createApp(deps: AppDeps): Express {
  const { config } = deps;
  const app = express();
  app.set("trust proxy", parseTrustProxy(config.TRUST_PROXY));
  app.disable("x-powered-by");
  // Every answer is Cache-Control: no-store (noStore below), so an ETag can never be used to revalidate; Express
  // would hash every body to make one (a SHA-1 over the 7 kB client page on each load).
  app.set("etag", false);
  app.use(countRequests());
  app.use(helmet({ referrerPolicy: { policy: "no-referrer" } }));
  app.use(noStore);
  const lockout = createLockout(deps.store, config);
  // Before the body parsers and the session: the admin API reads its own bodies (JSON, or an upload's raw bytes;
  // never a form) and authenticates by token only, never by a cookie.
  mountAdminApi(app, { ...deps, lockout });
  app.use(express.urlencoded({ extended: false, limit: "100kb" }));
  // The raw bytes are kept for webhooks whose signature covers the body exactly as sent.
  app.use(express.json({ limit: "100kb", verify: (req, _res, buf) => void ((req as express.Request).rawBody = buf) }));
  app.use(rejectNul);
  app.use(
    session({
      name: SESSION_COOKIE,
      secret: deps.sessionSecret,
      store: deps.sessionStore,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      // A signed-in session's id names its account, so the store can read the account along (platform/session-store.ts).
      genid: (req) => newSessionId(req.user),
      // Secure follows the request: set over HTTPS (directly, or behind a trusted proxy's X-Forwarded-Proto).
      cookie: { httpOnly: true, sameSite: "lax", secure: "auto", path: "/", maxAge: config.SESSION_TTL_HOURS * 3_600_000 },
    }),
  );
  const passport = createPassport({ db: deps.db, config, lockout, sessionVersions: deps.sessionVersions });
  app.use(passport.initialize());
  app.use(passport.session());
  const csrf = createCsrf(deps.sessionSecret);
  app.use(cookieParser(), csrf.attach);
  mountRoutes(app, { ...deps, lockout, passport, csrfProtection: csrf.csrfProtection });
  return app;
}
