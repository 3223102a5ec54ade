import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { Client } from "pg";
import { loadConfig } from "../config";
import { composeGateway } from "../src/compose";
import type { Gateway } from "../src/compose";
import { createLogger } from "../src/platform/logger";
import { acquireLease } from "../src/platform/kv/lease";
import { sleep } from "../src/platform/sleep";
import { sealConnectorSettings } from "../src/psa/firm-connectors";
import type { FirmConnectors } from "../src/psa/firm-connectors";
import { createSyncScheduler, syncSettings } from "../src/psa/sync-scheduler";
import type { SyncMode } from "../src/psa/sync/checkpoint";
import { decodeSecretKey } from "../connectors/shared/secrets";
import type { PsaConnector } from "../connectors/types";

/**
 * `npm run bench:sync`: the company-scoping sync of one firm against a local ConnectWise-shaped PSA (a child
 * process, bench/sync-mock-psa.ts: 100,000 contacts in 10,000 companies, 3 projects each, 1,000 a page, 20 ms a
 * page) into a real PostgreSQL: a first full run, a repeat with no changes, an incremental run with no changes (a
 * minute later, as the schedule spaces them), then 1 % of the contacts changed (an incremental run), and 1 % more
 * (a full run). The firm has 10,000 portal accounts (and 100 that match no contact). DATABASE_URL names a server
 * where the bench may create and drop a database.
 */
// Run compiled from dist/ (scripts/run-compiled.js), one level below the root as bench/ is.
const root = path.resolve(__dirname, "..");
const ACCOUNTS = 10_000;

function startMockPsa(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["bench/sync-mock-psa.ts"], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      const port = /mock psa listening (\d+)/.exec(chunk.toString())?.[1];
      if (port) resolve({ child, port: Number(port) });
    });
    child.on("exit", (code) => reject(new Error(`the mock PSA exited with ${code}`)));
  });
}

/** Times every PSA call the sync's connector makes, as [start, end] in ms. */
function timedConnectors(connectors: FirmConnectors, intervals: Array<[number, number]>): FirmConnectors {
  const timed = <A extends unknown[], R>(call: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    const start = performance.now();
    try {
      return await call(...args);
    } finally {
      intervals.push([start, performance.now()]);
    }
  };
  return {
    ...connectors,
    forFirm(firm, priority) {
      const built = connectors.forFirm(firm, priority);
      if (!built.ok) return built;
      const c = built.value;
      const value: PsaConnector = { ...c, listContacts: timed(c.listContacts), listCompanies: timed(c.listCompanies), listProjects: timed(c.listProjects), getProjectDetails: timed(c.getProjectDetails), findContactsByEmail: timed(c.findContactsByEmail) };
      return { ok: true, value };
    },
  };
}

/** How long at least one PSA call was in flight between `from` and `to` (the union of the intervals). */
function busyWithin(intervals: Array<[number, number]>, from: number, to: number): number {
  let busy = 0;
  let reach = from;
  for (const [start, end] of [...intervals].sort((a, b) => a[0] - b[0])) {
    const s = Math.max(start, reach);
    const e = Math.min(end, to);
    if (e > s) busy += e - s;
    reach = Math.max(reach, end);
  }
  return busy;
}

async function seed(gateway: Gateway, psaPort: number, key: string): Promise<{ firmId: string }> {
  const settings = { site: `127.0.0.1:${psaPort}`, companyId: "bench", publicKey: "pub", privateKey: "priv", clientId: "0f6a6a0a-3b1e-4c55-9a5e-2d4a8c0f1e11" };
  const firm = await gateway.db.firm.create({ data: { slug: `bench-sync-${process.pid}`, name: "Bench Sync Firm", connectorKind: "connectwise", ...sealConnectorSettings("connectwise", settings, decodeSecretKey(key)) } });
  // Multi-row statements: every tenth contact has an account, and 100 more accounts match no contact (a plus-alias).
  const insert = (emailSql: string, count: number) =>
    gateway.db.$executeRawUnsafe(
      `INSERT INTO "PortalAccount" (id, "firmId", email, status, "updatedAt")
       SELECT gen_random_uuid(), $1::uuid, ${emailSql}, 'active', now() FROM generate_series(1, ${count}) g`,
      firm.id,
    );
  await insert(`'client' || (g * 10) || '@company' || (((g * 10 - 1) % 10000) + 1) || '.example'`, ACCOUNTS);
  await insert(`'client' || (g * 10 + 1) || '+portal@company' || (((g * 10) % 10000) + 1) || '.example'`, 100);
  return { firmId: firm.id };
}

interface Row {
  run: string;
  wallMs: number;
  psaMs: number;
  /** Waiting for the sync's share of the PSA's request budget (ConnectWise: 900 a minute, the sync 50 %). */
  budgetMs: number;
  ownMs: number;
  requests: number;
  counts: Record<string, number>;
  peakRssMb: number;
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("npm run bench:sync needs DATABASE_URL: a PostgreSQL server where it may create and drop a database, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:sync");
  const name = `gw_bench_sync_${process.pid}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  const psa = await startMockPsa();
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; // the mock PSA's throwaway certificate; this process only
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-bench-sync-"));
  const key = Buffer.alloc(32, 9).toString("base64");
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: databaseUrl, DATA_DIR: dataDir, SEED_DEMO: "false", LOG_LEVEL: "silent", CONNECTOR_SECRETS_KEY: key, SESSION_SECRET: "bench-session-secret-bench-session-secret", PSA_ALLOW_PRIVATE_HOSTS: "127.0.0.1" });
  const logger = createLogger("silent");
  const gateway = await composeGateway(config, logger, { keyPrefix: `bench-sync:${process.pid}:` });
  const intervals: Array<[number, number]> = [];
  const waits: Array<[number, number]> = [];
  const timedSleep = async (ms: number, signal?: AbortSignal) => {
    const start = performance.now();
    try {
      await sleep(ms, signal);
    } finally {
      waits.push([start, performance.now()]);
    }
  };
  const scheduler = createSyncScheduler({ db: gateway.db, sql: gateway.pool, sessionVersions: gateway.sessionVersions, connectors: timedConnectors(gateway.connectors, intervals), config, logger, now: () => new Date(), sleep: timedSleep, settings: syncSettings(config) });
  const baselineRssMb = process.memoryUsage.rss() / 1024 / 1024;
  const mockCounts = async () => Object.values((await (await fetch(`https://127.0.0.1:${psa.port}/__bench/counts`)).json()) as Record<string, number>).reduce((a, b) => a + b, 0);
  const rows: Row[] = [];
  try {
    const { firmId } = await seed(gateway, psa.port, key);
    const run = async (label: string, mode: SyncMode) => {
      const firm = await gateway.db.firm.findUniqueOrThrow({ where: { id: firmId } });
      const lease = await acquireLease(gateway.store, `job:psa-sync:${firmId}`, 120_000);
      if (!lease) throw new Error("the bench firm is locked");
      const before = await mockCounts();
      let peak = process.memoryUsage.rss();
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
      const started = performance.now();
      const outcome = await scheduler.runFirm(firm, { mode, trigger: "cli", requestedBy: null }, lease);
      const ended = performance.now();
      clearInterval(sampler);
      await lease.release();
      if (outcome.kind !== "finished" || outcome.status === "failed") throw new Error(`${label}: ${JSON.stringify(outcome)}`);
      const psaMs = busyWithin(intervals, started, ended);
      const budgetMs = busyWithin(waits, started, ended);
      rows.push({ run: label, wallMs: ended - started, psaMs, budgetMs, ownMs: ended - started - psaMs - budgetMs, requests: (await mockCounts()) - before, counts: outcome.counts, peakRssMb: peak / 1024 / 1024 });
    };
    await run("first run (full)", "full");
    await run("repeat, no changes (full)", "full");
    // Scheduled incremental runs come 15 minutes apart: let the request budget's one-minute window pass, as it would,
    // so the figure is the run's own (run back to back, it waits for the sync's share of the budget instead).
    await sleep(61_000);
    await run("no changes (incremental)", "incremental");
    await fetch(`https://127.0.0.1:${psa.port}/__bench/change?percent=1`, { method: "POST" });
    await run("1 % of contacts changed (incremental)", "incremental");
    await sleep(1_100); // a later change time than the first batch
    await fetch(`https://127.0.0.1:${psa.port}/__bench/change?percent=1`, { method: "POST" });
    await run("1 % changed again (full)", "full");
    const version = (await admin.query("SHOW server_version")).rows[0]?.server_version as string;
    report(rows, version, baselineRssMb);
  } finally {
    await gateway.close();
    psa.child.kill("SIGTERM");
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function report(rows: Row[], postgres: string, baselineRssMb: number): void {
  const cpu = os.cpus();
  console.log(`\nnpm run bench:sync: ${cpu.length} x ${cpu[0]?.model ?? "CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, PostgreSQL ${postgres}`);
  console.log("100,000 contacts in 10,000 companies, 30,000 projects; 10,100 portal accounts; mock ConnectWise 1,000 a page, 20 ms a page");
  console.log(`RSS before the first run (the composed gateway, idle): ${baselineRssMb.toFixed(0)} MB; load average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  console.log("| run | wall s | PSA call in flight s | waiting for the request budget s | own processing only s | PSA requests | added / updated / unchanged / removed | accounts linked | flags | peak RSS MB |\n|---|---|---|---|---|---|---|---|---|---|");
  const s = (ms: number) => (ms / 1000).toFixed(1);
  for (const r of rows) {
    const c = r.counts;
    console.log(`| ${r.run} | ${s(r.wallMs)} | ${s(r.psaMs)} | ${s(r.budgetMs)} | ${s(r.ownMs)} | ${r.requests} | ${c.added} / ${c.updated} / ${c.unchanged} / ${c.removed} | ${c.linked} | ${c.mismatches} | ${r.peakRssMb.toFixed(0)} |`);
  }
  console.log("Goals: first run at most 20 s and 300 MB; the repeat at most 5 s.");
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
