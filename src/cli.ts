import pino from "pino";
import { ConfigError, loadConfig } from "../config";
import { operatorCommands } from "./commands";
import { EXIT, runCli } from "./platform/cli/run-cli";
import { StartupError } from "./platform/startup-error";
import { createLogger } from "./platform/logger";

/** Errors that escape a command, in words: what happened and what to do, never a stack trace. */
function describeError(error: unknown): string {
  // DATA_DIR held by another process (DataDirBusy) and the database's start-up failures: the message names what to do.
  if (error instanceof StartupError) return error.message;
  const code = (error as { code?: string } | null)?.code;
  if (code === "ECONNREFUSED" || code === "ENOENT" || code === "EACCES") {
    return `Cannot reach the database (${code}). Check DATABASE_URL, or that DATA_DIR is this gateway's and readable by you.`;
  }
  return `The command failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** `npm run cli -- <command>`: the operator's commands, over the same data as the running gateway (README, "Operators"). */
async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return EXIT.usage;
  }
  // Logs go to stderr, quieter than the gateway's, so stdout holds only what the command prints (and --json parses).
  const logger = createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL, pino.destination(2));
  return runCli(process.argv.slice(2), {
    programName: "npm run cli --",
    description: "Run the gateway's firms: onboarding, staff, clients, API tokens. Add --json to any command for scripts.",
    commands: operatorCommands,
    // Loaded only when a command runs: --help and usage errors answer without loading the database's modules.
    open: async () => (await import("./compose-operator")).composeOperator(config, logger),
    describeError,
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${describeError(error)}\n`);
    process.exit(EXIT.failed);
  },
);
