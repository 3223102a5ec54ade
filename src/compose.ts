import path from "node:path";
import type { Express } from "express";
import type { Pool } from "pg";
import type { Config } from "../config";
import { createApp } from "./app";
import { findProjectRoot } from "./platform/project-root";
import { openDatabase } from "./platform/db/open-database";
import type { OpenDatabase } from "./platform/db/open-database";
import { createPgPool, createPrismaClient } from "./platform/db/prisma";
import { createFindSessionAccount } from "./accounts/find-session-account";
import { readAccountsWithSessions } from "./accounts/session-accounts";
import { createSessionVersions } from "./accounts/session-versions";
import type { SessionVersions } from "./accounts/session-versions";
import type { Db } from "./platform/db/prisma";
import { createMemoryStore } from "./platform/kv/memory-store";
import { createRedisStore } from "./platform/kv/redis-store";
import { serveStore } from "./platform/kv/store-socket";
import { runDirOf } from "./platform/db/data-dir-holder";
import type { KeyValueStore } from "./platform/kv/store";
import { readOrCreateLocalSecret } from "./platform/local-secret";
import type { Logger } from "./platform/logger";
import { createServiceHealth } from "./platform/service-health";
import { createSessionStore } from "./platform/session-store";
import { decodeSecretKey } from "../connectors/shared/secrets";
import type { ResolveHost } from "../connectors/registry";
import { createFirmConnectors } from "./psa/firm-connectors";
import type { FirmConnectors } from "./psa/firm-connectors";
import { createCompanyResolver } from "./portal/company-resolver";
import type { CompanyResolver } from "./portal/company-resolver";
import { createFirmDirectory } from "./firms/firm-directory";
import { createMailTransport } from "./platform/mail/transport";
import type { DeliveryReport } from "./platform/mail/deliver-due-emails";
import { mailDeliveryJob } from "./platform/mail/mail-delivery-job";
import { createJobRunner } from "./platform/jobs/job-runner";
import type { JobRunner } from "./platform/jobs/job-runner";
import { psaSyncJob } from "./psa/psa-sync.job";
import { createSyncScheduler, syncSettings } from "./psa/sync-scheduler";
import type { SyncReport, SyncScheduler } from "./psa/sync-scheduler";
import { sleep } from "./platform/sleep";
import { mintDeliveryLink } from "./access-links/mint-delivery-link";
import type { FirmDirectory } from "./firms/firm-directory";

const projectRoot = findProjectRoot();

export interface Gateway {
  app: Express;
  db: Db;
  /** The node-postgres pool `db` runs on, for the few statements written as SQL (the sync's page writes). */
  pool: Pool;
  connectors: FirmConnectors;
  resolver: CompanyResolver;
  directory: FirmDirectory;
  /** Email delivery, the one job of its kind in this process: the app kicks it after queueing an email. */
  mail: JobRunner<DeliveryReport>;
  /** "SMTP" when SMTP_URL is set, otherwise the outbox + log transport. */
  mailTransport: "smtp" | "console";
  /** The company-scoping sync: every minute, the firms whose sync is due (runNow() runs them now; kick() soon). */
  sync: JobRunner<SyncReport[]>;
  /** Runs one firm's sync holding its lock (the CLI's `sync run`); the job above runs through it too. */
  syncScheduler: SyncScheduler;
  /** Every scheduled job; the server starts them, close() stops them. */
  jobs: Array<JobRunner<unknown>>;
  store: KeyValueStore;
  /** Bumped by every account change (accounts/change-account.ts). */
  sessionVersions: SessionVersions;
  databaseUrl: string;
  embeddedDatabase: boolean;
  close(): Promise<void>;
}

/** DATABASE_URL's server (migrated unless told not to), or the embedded PGlite this process opens and holds. */
function databaseOf(config: Config, logger: Logger, migrate: boolean): Promise<OpenDatabase> {
  if (!migrate && config.DATABASE_URL) return Promise.resolve({ url: config.DATABASE_URL, embedded: false, held: null, close: async () => {} });
  return openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    onWait: (holder) => logger.warn({ pid: holder.pid }, "an operator command (npm run cli) has the embedded database open: waiting for it to finish"),
  });
}

/**
 * Put the gateway together from configuration: database (embedded PGlite or DATABASE_URL, migrated),
 * store (Redis or in-process), session store, and the app. The server and the tests both start here.
 */
export interface ComposeOptions {
  migrate?: boolean;
  keyPrefix?: string;
  now?: () => number;
  database?: OpenDatabase;
  store?: KeyValueStore;
  /** DNS resolution of PSA hosts (default: the system's); tests inject one so that address checks need no network. */
  resolveHost?: ResolveHost;
}

/** Every firm's connector, with the operator's private-host allowance and (in tests) an injected DNS. */
function firmConnectorsOf(config: Config, logger: Logger, options: ComposeOptions): FirmConnectors {
  return createFirmConnectors({
    secretsKey: decodeSecretKey(config.CONNECTOR_SECRETS_KEY ?? readOrCreateLocalSecret(path.resolve(config.DATA_DIR), "connector-secrets-key")),
    logger,
    projectRoot,
    timeoutMs: config.PSA_TIMEOUT_MS,
    now: options.now,
    allowPrivateHosts: config.PSA_ALLOW_PRIVATE_HOSTS,
    resolveHost: options.resolveHost,
    backgroundShare: config.SYNC_PSA_SHARE_PERCENT / 100,
  });
}

export async function composeGateway(config: Config, logger: Logger, options: ComposeOptions = {}): Promise<Gateway> {
  const closers: Array<() => Promise<void>> = [];
  try {
    // The store first: a Redis that is not there is reported in seconds, before a migration that takes longer.
    const keyPrefix = options.keyPrefix ?? "gw:";
    const health = createServiceHealth(logger);
    const redisStore = config.REDIS_URL && !options.store ? await createRedisStore(config.REDIS_URL, keyPrefix, health) : undefined;
    const store: KeyValueStore = options.store ?? redisStore ?? createMemoryStore();
    closers.unshift(() => store.close());

    // The operator CLI passes the database and store it reached (src/compose-operator.ts): the gateway's own.
    const database = options.database ?? (await databaseOf(config, logger, options.migrate !== false));
    closers.unshift(database.close);
    const pool = createPgPool(database.url);
    // An idle connection the server dropped is replaced on next use; without a listener it would end the process.
    // A new connection made means the server is there.
    pool.on("error", (error) => health.down("database", error));
    pool.on("connect", () => health.up("database"));
    closers.unshift(() => pool.end());
    const db = createPrismaClient(pool);
    closers.unshift(() => db.$disconnect());

    if (database.held?.holder.kind === "gateway" && store.kind === "memory") {
      // The operator CLI reaches this process's lockouts and caches through its socket (platform/kv/store-socket.ts).
      const control = path.join(runDirOf(config.DATA_DIR), "store.sock");
      closers.unshift(await serveStore(store, control));
      database.held.update({ control });
    }

    const pruneIntervalSeconds = config.NODE_ENV === "test" ? false : 15 * 60;
    const onDatabaseError = (error: unknown) => health.down("database", error);
    const sessions = createSessionStore({ redis: redisStore?.client, redisPrefix: `${keyPrefix}sess:`, databaseUrl: database.url, pool, pruneIntervalSeconds, onDatabaseError });
    closers.unshift(sessions.close);
    // A version outlives the longest session by an hour; an expired one is simply created again.
    const sessionVersions = createSessionVersions(store, (config.SESSION_TTL_HOURS + 1) * 3_600_000);
    const findSessionAccount = createFindSessionAccount(pool);
    readAccountsWithSessions(sessions.store, { backend: sessions.backend, versions: sessionVersions, find: findSessionAccount, storePrefix: keyPrefix, now: options.now });

    const sessionSecret = config.SESSION_SECRET ?? readOrCreateLocalSecret(path.resolve(config.DATA_DIR), "session-secret");
    const connectors = firmConnectorsOf(config, logger, options);
    closers.unshift(async () => connectors.close());
    const resolver = createCompanyResolver({
      db,
      store,
      connectors,
      logger,
      now: options.now ?? Date.now,
      cacheTtlMs: config.COMPANY_CACHE_SECONDS * 1000,
      timeBudgetMs: config.PSA_TIME_BUDGET_MS,
      maxStalenessMs: config.MAX_STALENESS_HOURS * 3_600_000,
    });
    const directory = createFirmDirectory(db, config.FIRM_CACHE_SECONDS);
    const transport = createMailTransport(config, logger);
    const mail = createJobRunner(mailDeliveryJob({ db, config, logger, transport, mintLink: mintDeliveryLink(db, config) }), { store, logger });
    closers.unshift(async () => {
      await mail.stop();
      transport.close();
    });
    const { syncScheduler, sync } = composeSync({ db, sql: pool, sessionVersions, connectors, store, config, logger, now: options.now });
    closers.unshift(() => sync.stop());
    const app = createApp({ config, db, findSessionAccount, sessionVersions, store, sessionStore: sessions.store, sessionSecret, logger, health, connectors, resolver, directory, mail, sync });
    return {
      app,
      db,
      pool,
      store,
      sessionVersions,
      connectors,
      resolver,
      directory,
      mail,
      mailTransport: transport.kind,
      sync,
      syncScheduler,
      jobs: [mail, sync],
      databaseUrl: database.url,
      embeddedDatabase: database.embedded,
      async close() {
        for (const close of closers) await close().catch((error) => logger.warn({ err: error }, "error while closing"));
      },
    };
  } catch (error) {
    for (const close of closers) await close().catch(() => undefined);
    throw error;
  }
}

/** The company-scoping sync: its scheduler (the CLI's and the bench's too) and the job that runs it every minute. */
function composeSync(parts: { db: Db; sql: Pool; sessionVersions: SessionVersions; connectors: FirmConnectors; store: KeyValueStore; config: Config; logger: Logger; now?: () => number }) {
  const syncScheduler = createSyncScheduler({
    db: parts.db,
    sql: parts.sql,
    sessionVersions: parts.sessionVersions,
    connectors: parts.connectors,
    config: parts.config,
    logger: parts.logger.child({ module: "psa-sync" }),
    now: () => new Date((parts.now ?? Date.now)()),
    sleep,
    settings: syncSettings(parts.config),
  });
  const sync = createJobRunner(psaSyncJob({ scheduler: syncScheduler, lockSeconds: parts.config.SYNC_LOCK_SECONDS }), { store: parts.store, logger: parts.logger });
  return { syncScheduler, sync };
}
