import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { snapshotPath } from "./test-database";

/** The gateway and the operator CLI as a person runs them: real processes, from the repository's root. */
const root = path.resolve(__dirname, "..", "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

/** Settings that make a child process independent of the shell that runs the tests. */
const isolated = (env: Record<string, string>) => ({ ...process.env, DATABASE_URL: "", REDIS_URL: "", SMTP_URL: "", NODE_ENV: "development", LOG_LEVEL: "warn", ...env });

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run cli -- ...args`, with `env` (DATA_DIR at least). */
export function runCliProcess(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["src/cli.ts", ...args], { cwd: root, env: isolated(env), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    // "close", not "exit": the process may exit before its piped output is read to the end (a long CSV).
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export interface GatewayProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves once the output contains `text`; rejects if the process exits first or after `ms`. */
  waitFor(text: string, ms?: number): Promise<void>;
  exited(): Promise<number | null>;
  stop(): Promise<void>;
}

/** `npm start`, with `env` (DATA_DIR and PORT at least). */
export function startGatewayProcess(env: Record<string, string>): GatewayProcess {
  const child = spawn(tsx, ["src/server.ts"], { cwd: root, env: isolated({ LOG_LEVEL: "info", ...env }), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  // "close": the exit and the end of its output, so a check made after it sees everything the gateway printed.
  const exit = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
  return {
    child,
    output: () => output,
    waitFor(text, ms = 120_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`no "${text}" within ${ms} ms:\n${output}`)), ms);
        const check = () => output.includes(text) && done();
        const done = (error?: Error) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve();
        };
        listeners.add(check);
        void exit.then((code) => done(output.includes(text) ? undefined : new Error(`exited with ${code} before "${text}":\n${output}`)));
        check();
      });
    },
    exited: () => exit,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exit;
    },
  };
}

/**
 * A DATA_DIR whose embedded database is already migrated (from the test run's snapshot, test-database.ts), with
 * `sql` run in it: a gateway or the CLI then starts in seconds instead of migrating from nothing.
 */
export async function migratedDataDir(dir: string, sql = ""): Promise<void> {
  const dataDir = path.join(dir, "pglite");
  fs.mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, { loadDataDir: new Blob([fs.readFileSync(snapshotPath())]) });
  if (sql) await db.exec(sql);
  await db.close();
}
