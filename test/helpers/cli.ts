import { operatorCommands } from "../../src/commands";
import type { OperatorDeps } from "../../src/compose-operator";
import { runCli } from "../../src/platform/cli/run-cli";
import { createLogger } from "../../src/platform/logger";
import { createLockout } from "../../src/sign-in/lockout";
import type { CliRun } from "./processes";
import type { TestGateway } from "./test-gateway";

/**
 * `npm run cli -- ...args` in this process, over a test gateway's own parts (its database, store, directory),
 * for the commands' behaviour; test/integration/cli/ runs the real script as a child process for how it reaches
 * the data. `extra` adds parts, e.g. `mailNow`.
 */
export async function runCommand(gw: TestGateway, args: string[], extra: Partial<OperatorDeps> = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const deps: OperatorDeps = { ...gw, logger: createLogger("silent"), lockout: createLockout(gw.store, gw.config), mail: { kick: () => gw.mail.kick() }, kickMail: () => gw.mail.kick(), ...extra };
  const code = await runCli(args, {
    programName: "npm run cli --",
    description: "test",
    commands: operatorCommands,
    open: async () => ({ deps, close: async () => {} }),
    io: { out: (text) => (stdout += text), err: (text) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

/** The `data` of a command run with --json that succeeded. */
export function jsonData<T>(run: CliRun): T {
  const parsed = JSON.parse(run.stdout) as { ok: boolean; data: T };
  if (!parsed.ok) throw new Error(`the command failed: ${run.stdout}`);
  return parsed.data;
}
