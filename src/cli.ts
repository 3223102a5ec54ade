import { parseArgs } from "node:util";
import pino from "pino";
import { ConfigError, loadConfig } from "../config";
import { composeGateway } from "./compose";
import { createLogger } from "./platform/logger";
import { StartupError } from "./platform/startup-error";
import { syncRunCommand } from "./psa/cli/sync-run";

/**
 * `npm run cli -- sync run --firm SLUG [--full] [--json]`. A minimal entry with the sync's one command, until the
 * operator CLI (issue 11) takes it into its own list (src/psa/cli/sync-run.ts already has that CLI's command shape).
 * node:util's parseArgs is enough for one command; the operator CLI brings a full parser. Exit codes: 0 done,
 * 1 failed, 2 usage.
 */
const USAGE = `Usage: npm run cli -- sync run --firm SLUG [--full] [--json]
  ${syncRunCommand.summary}
  --firm SLUG   the firm's slug
  --full        a full reconciliation (the only kind that finds clients gone from the PSA)
  --json        print the outcome as JSON
With the embedded database (no DATABASE_URL) stop the gateway first, or press "Run now" on the console's Sync page.`;

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { firm: { type: "string" }, full: { type: "boolean" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } } });
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const input = syncRunCommand.input.safeParse({ firm: parsed.values.firm ?? "", full: parsed.values.full ?? false });
  if (parsed.positionals.join(" ") !== syncRunCommand.name.join(" ") || !input.success) {
    process.stderr.write(`${input.success ? "" : `${input.error.issues.map((issue) => issue.message).join("; ")}\n`}${USAGE}\n`);
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  // Logs go to stderr, so stdout holds only what the command prints (and --json parses).
  const gateway = await composeGateway(config, createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL, pino.destination(2)));
  try {
    const outcome = await syncRunCommand.run({ ...gateway, config }, input.data);
    if (parsed.values.json) process.stdout.write(`${JSON.stringify(outcome.ok ? outcome.data : { error: { code: outcome.code, message: outcome.message } })}\n`);
    else if (outcome.ok) process.stdout.write(`${outcome.lines.join("\n")}\n`);
    else process.stderr.write(`${outcome.message}\n${outcome.hint ?? ""}\n`);
    return outcome.ok ? 0 : 1;
  } finally {
    await gateway.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof StartupError ? error.message : `The command failed: ${error instanceof Error ? error.message : String(error)}`}\n`);
    process.exit(1);
  },
);
