import { ConfigError, loadConfig } from "../config";
import { DEMO_PASSWORD, demoPortalAccounts, demoStaff } from "../config/demo";
import { composeGateway } from "./compose";
import { createLogger } from "./platform/logger";
import { ensureDemoFirm } from "./firms/ensure-demo-firm";
import { refreshPsaSnapshot } from "./psa/use-cases/refresh-psa-snapshot";

/** `npm start`: configuration, database, store, app, demo firm, listen; a clean stop on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const gateway = await composeGateway(config, logger);
  const demo = config.SEED_DEMO ? await ensureDemoFirm(gateway.db) : null;
  if (demo?.created) logger.info({ firm: "demo" }, "created the demo firm");
  // The scheduled jobs: email delivery's retries (the app itself kicks it right after queueing an email) and the
  // PSA snapshot (PSA_SNAPSHOT_CRON; "off" schedules nothing).
  for (const job of gateway.jobs) job.start();
  logger.info({ mail: gateway.mailTransport === "smtp" ? "SMTP" : "outbox + log (no SMTP_URL)" }, "email delivery");
  const server = gateway.app.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    const base = config.PUBLIC_URL ?? `http://localhost:${port}`;
    // Milliseconds since the process started (bench/run.ts reads the same moment from outside).
    const startedInMs = Math.round(performance.now());
    logger.info({ port, database: gateway.embeddedDatabase ? "embedded PGlite" : "PostgreSQL", store: gateway.store.kind, startedInMs }, "gateway listening");
    if (config.SEED_DEMO) {
      console.log(
        [
          "",
          `  Demo portal:   ${base}/portal/demo/login`,
          `  Sign in as:    ${demoPortalAccounts.map((a) => a.email).join(", ")}`,
          `  Staff admin:   ${demoStaff.email}`,
          `  Password:      ${DEMO_PASSWORD}   (demo accounts only)`,
          "",
        ].join("\n"),
      );
    }
    // The demo's snapshot gives its "no projects" case a suggested email and a fallback when files are broken.
    // Taken once listening: nothing on the first page load waits for it (the CSV files answer directly).
    if (demo) {
      refreshPsaSnapshot(gateway.db, gateway.connectors, demo.firm).then(
        (snapshot) => snapshot.ok || logger.warn({ firm: "demo", code: snapshot.error.code }, snapshot.error.message),
        (error: unknown) => logger.warn({ firm: "demo", err: error }, "the demo's PSA snapshot failed"),
      );
    }
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    server.close(() => {
      gateway
        .close()
        .finally(() => process.exit(0));
    });
    server.closeAllConnections();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
