import http from "node:http";
import type { IncomingMessage, RequestListener, Server, ServerResponse } from "node:http";
import { ConfigError, loadConfig } from "../config";
import type { Config } from "../config";
import { DEMO_PASSWORD, demoPortalAccounts, demoStaff } from "../config/demo";
import { composeGateway } from "./compose";
import type { Gateway } from "./compose";
import { createLogger } from "./platform/logger";
import type { Logger } from "./platform/logger";
import { listenFailure, StartupError } from "./platform/startup-error";
import { createMetricsApp } from "./platform/metrics/http-metrics";
import { ensureDemoFirm } from "./firms/ensure-demo-firm";

/**
 * `npm start`: configuration, the port, database, store, app, demo firm; a clean stop on SIGINT/SIGTERM. Anything
 * that cannot start stops the start with one sentence naming the setting, and exit code 1.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  // The port first: a busy port is reported in a second, not after the database is migrated. Until the app is
  // ready every request gets a 503, so a load balancer's /readyz reads "not yet".
  let handle: RequestListener = answerStarting;
  const server = http.createServer((req, res) => handle(req, res));
  await listen(server, config.PORT, config.HOST);
  // GET /metrics on a port of its own (README, "Metrics"), never the public one.
  const metrics = config.METRICS_PORT === undefined ? null : http.createServer(createMetricsApp());
  if (metrics) await listen(metrics, config.METRICS_PORT!, config.METRICS_HOST);
  let gateway: Gateway | undefined;
  try {
    gateway = await composeGateway(config, logger);
    if (config.SEED_DEMO) await seedDemo(gateway, logger);
  } catch (error) {
    // Half-started is worse than stopped: close what was opened (the embedded database flushes), then fail loudly.
    server.close();
    metrics?.close();
    await gateway?.close();
    throw error;
  }
  // The scheduled jobs: email delivery's retries (the app itself kicks it right after queueing an email) and the
  // company-scoping sync (every minute, the firms whose sync is due). The sync is kicked at once, in the background:
  // a firm that never synced (the new demo) has its snapshot, account links and mismatch flags within moments.
  for (const job of gateway.jobs) job.start();
  gateway.sync.kick();
  logger.info({ mail: gateway.mailTransport === "smtp" ? "SMTP" : "outbox + log (no SMTP_URL)" }, "email delivery");
  handle = gateway.app;
  announce(server, config, gateway, logger);
  const ready = gateway;
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    metrics?.close();
    server.close(() => void ready.close().finally(() => process.exit(0)));
    server.closeAllConnections();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return process.exit(1);
  }
}

function answerStarting(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(503, { "Content-Type": "text/plain; charset=utf-8", "Retry-After": "5", "Cache-Control": "no-store" });
  res.end("The portal is starting. Please try again in a few seconds.\n");
}

/** Listen, or fail with a StartupError that names the setting to change (a busy port used to pass in silence). */
function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (error) => reject(listenFailure(error, port, host)));
    server.listen(port, host, () => resolve());
  });
}

async function seedDemo(gateway: Gateway, logger: Logger): Promise<void> {
  const { created } = await ensureDemoFirm(gateway.db);
  if (created) logger.info({ firm: "demo" }, "created the demo firm");
}

function announce(server: Server, config: Config, gateway: Gateway, logger: Logger): void {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  logger.info({ port, database: gateway.embeddedDatabase ? "embedded PGlite" : "PostgreSQL", store: gateway.store.kind }, "gateway listening");
  if (!config.SEED_DEMO) return;
  const base = config.PUBLIC_URL ?? `http://localhost:${port}`;
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

main().catch((error: unknown) => {
  if (error instanceof StartupError) console.error(`The gateway could not start: ${error.message}`);
  else console.error("The gateway could not start:", error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
