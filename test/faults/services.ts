import { execFileSync, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";

/**
 * Real redis-server and PostgreSQL processes the fault suite starts, stops and restarts itself, on its own ports
 * (6416-6419, 55416-55419). When the binaries are not installed, `missingBinaries()` says which, and the suite
 * skips with that message (.ci/run installs them, so CI always runs it).
 */
const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

function which(command: string): string | null {
  try {
    return execFileSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

export function missingBinaries(): string[] {
  const missing: string[] = [];
  if (!which("redis-server")) missing.push("redis-server (apt-get install redis-server)");
  if (!fs.existsSync(path.join(PG_BIN, "pg_ctl"))) missing.push(`PostgreSQL in ${PG_BIN} (apt-get install postgresql, or set PG_BIN)`);
  return missing;
}

async function waitForPort(port: number, up: boolean, tries = 200): Promise<void> {
  for (let i = 0; i < tries; i++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open === up) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`port ${port} did not ${up ? "open" : "close"}`);
}

export interface Service {
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stop for good and remove its files. */
  destroy(): Promise<void>;
}

/** redis-server with an append-only file, so a restart keeps sessions and counters as a real deployment would. */
export async function startRedis(port: number): Promise<Service> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-faults-redis-"));
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--appendonly", "yes", "--save", ""], { stdio: "ignore" });
    await waitForPort(port, true);
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGTERM");
    await exited;
    await waitForPort(port, false);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    async destroy() {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A PostgreSQL cluster of its own (initdb), run as the postgres user when the suite runs as root (as in CI). */
export async function startPostgres(port: number): Promise<Service> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-faults-pg-"));
  fs.chmodSync(dir, 0o755);
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) => {
    if (asRoot) execFileSync("su", ["postgres", "-c", [path.join(PG_BIN, command), ...args.map((arg) => `'${arg}'`)].join(" ")], { stdio: "ignore" });
    else execFileSync(path.join(PG_BIN, command), args, { stdio: "ignore" });
  };
  if (asRoot) execFileSync("chown", ["postgres", dir]);
  run("initdb", ["-D", `${dir}/data`, "-U", "postgres", "--auth=trust", "-E", "UTF8"]);
  const start = async () => {
    run("pg_ctl", ["-D", `${dir}/data`, "-l", `${dir}/log`, "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, "-w", "start"]);
    await waitForPort(port, true);
  };
  const stop = async () => {
    run("pg_ctl", ["-D", `${dir}/data`, "-m", "fast", "-w", "stop"]);
    await waitForPort(port, false);
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    async destroy() {
      await stop().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
