import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";

/** Shared pieces of the bench: child processes, sign-in as a browser does, load runs, memory. Loopback only. */
export const root = path.resolve(__dirname, "..");
export const seconds = Number(process.env.BENCH_SECONDS ?? 10);
export const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
export const BENCH_SECRET = "bench-session-secret-bench-session-secret";
export const BENCH_KEY = Buffer.alloc(32, 3).toString("base64");

export interface Child {
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

// Children run in their own process groups; whatever is still running when the bench ends is stopped with it.
const running = new Set<number>();
const stopAll = () => {
  for (const pid of running) {
    try {
      process.kill(-pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
};
process.on("exit", stopAll);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(130));

/** Start a process and wait until it prints `readyText` (or, with a URL, until that URL answers 200). */
export function startChild(command: string, args: string[], env: Record<string, string | undefined>, readyText: string | URL): Promise<Child> {
  // A setting given as undefined is taken out of the child's environment.
  const merged = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, value]) => value !== undefined));
  const child = spawn(command, args, { cwd: root, env: merged, stdio: ["ignore", "pipe", "pipe"], detached: true });
  running.add(child.pid as number);
  child.on("exit", () => running.delete(child.pid as number));
  let output = "";
  const handle: Child = {
    process: child,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        // The whole group: `npm start` runs the gateway as its child.
        process.kill(-(child.pid as number), "SIGTERM");
      }),
  };
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      // Only the last 64 kB are kept: a loaded gateway may log for as long as it runs.
      output = (output + chunk.toString()).slice(-65_536);
      if (typeof readyText === "string" && output.includes(readyText)) resolve(handle);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output}`)));
    if (readyText instanceof URL) {
      const poll = () =>
        fetch(readyText).then(
          (res) => (res.ok ? resolve(handle) : setTimeout(poll, 50)),
          () => setTimeout(poll, 50),
        );
      poll();
    }
  });
}

/** The gateway as `npm start` runs it (compiled JavaScript), with bench settings on top of `env`. */
export function startGateway(env: Record<string, string> & { PORT: string }, nodeArgs: string[] = []): Promise<Child> {
  const settings = { HOST: "127.0.0.1", LOG_LEVEL: "warn", NODE_ENV: "production", MAIL_OUTBOX_ONLY: "true", SESSION_SECRET: BENCH_SECRET, CONNECTOR_SECRETS_KEY: BENCH_KEY, ...env };
  return startChild(process.execPath, [...nodeArgs, "scripts/start.js"], settings, new URL(`http://127.0.0.1:${env.PORT}/healthz`));
}

/** Resident memory of a process, in MB (Linux). */
export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

export const cookieFrom = (res: Response) => (res.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");

/** Sign in the way a browser does: the page (its CSRF cookie and token), then the form. Returns the cookies. */
export async function signIn(base: string, slug: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${base}/portal/${slug}/login`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  const res = await fetch(`${base}/portal/${slug}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: cookieFrom(page), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: csrf, email, password }),
  });
  if (res.status !== 303) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  const session = cookieFrom(res);
  // A browser keeps the CSRF cookie its first signed-in page sets, and sends it with every later page.
  const home = await fetch(`${base}/portal/${slug}/`, { headers: { cookie: session } });
  await home.arrayBuffer();
  return [session, cookieFrom(home)].filter(Boolean).join("; ");
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** The serving process's CPU time per answered request (user + system), when its pid was given. */
  cpuUs?: number;
}

/** CPU time a process has used so far, user + system, in ms (Linux: /proc/PID/stat, in clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * A warm-up, then `seconds` of load with `connections` connections; connection i sends cookies[i % n]. With the
 * serving process's pid, also its CPU time per request: on a machine shared with other work, requests per second
 * move with everyone else's load, the CPU a request costs much less.
 */
export async function load(url: string, cookies: string[], options: { seconds?: number; warmup?: number; pid?: number } = {}): Promise<LoadResult> {
  let next = 0;
  const setupClient = (client: { setHeaders(h: Record<string, string>): void }) => client.setHeaders({ cookie: cookies[next++ % cookies.length] as string });
  await autocannon({ url, connections, duration: options.warmup ?? 2, setupClient });
  const cpuBefore = options.pid ? cpuMs(options.pid) : 0;
  const result = await autocannon({ url, connections, duration: options.seconds ?? seconds, setupClient });
  const cpuUs = options.pid && result.requests.total ? ((cpuMs(options.pid) - cpuBefore) * 1000) / result.requests.total : undefined;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx + result.errors, cpuUs };
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

export const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
