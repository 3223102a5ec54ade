import { ConfigError, loadConfig } from "../config";
import { DEMO_PASSWORD, demoPortalAccounts, demoStaff } from "../config/demo";
import { composeGateway } from "./compose";
import { createLogger } from "./platform/logger";
import { ensureDemoFirm } from "./firms/ensure-demo-firm";

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
  if (config.SEED_DEMO) {
    const { created } = await ensureDemoFirm(gateway.db);
    if (created) logger.info({ firm: "demo" }, "created the demo firm");
  }
  // The scheduled jobs: email delivery's retries (the app itself kicks it right after queueing an email) and the
  // company-scoping sync (every minute, the firms whose sync is due). The sync is kicked at once, in the background:
  // a firm that never synced (the new demo) has its snapshot, account links and mismatch flags within moments.
  for (const job of gateway.jobs) job.start();
  gateway.sync.kick();
  logger.info({ mail: gateway.mailTransport === "smtp" ? "SMTP" : "outbox + log (no SMTP_URL)" }, "email delivery");
  const server = gateway.app.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    const base = config.PUBLIC_URL ?? `http://localhost:${port}`;
    logger.info({ port, database: gateway.embeddedDatabase ? "embedded PGlite" : "PostgreSQL", store: gateway.store.kind }, "gateway listening");
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
