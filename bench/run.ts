import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { findFreePort } from "../src/platform/db/embedded-postgres";
import { loadConfig } from "../config";
import { composeGateway } from "../src/compose";
import { createLogger } from "../src/platform/logger";
import { hashPassword } from "../src/sign-in/passwords";
import { sealConnectorSettings } from "../src/psa/firm-connectors";
import { decodeSecretKey } from "../connectors/shared/secrets";
import { startMockConnectwise } from "./mock-psa";

/**
 * `npm run bench`: (1) signed-in JSON throughput of the gateway's /portal/{slug}/api/projects with the company
 * cached, against a minimal Express 5 + express-session app on the same kind of session store; (2) PSA requests
 * for 200 concurrent page loads over 20 companies against a local mock PSA with 100 ms latency.
 * BENCH_SECONDS (default 10) sets each load run's length; REDIS_URL runs both apps on Redis sessions.
 */
const root = path.resolve(__dirname, "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

function startChild(args: string[], env: Record<string, string>, readyText: string): Promise<ChildProcess> {
  const child = spawn(path.join(root, "node_modules", ".bin", "tsx"), args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(readyText)) resolve(child);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => reject(new Error(`${args.join(" ")} exited with ${code}:\n${output}`)));
  });
}

const cookieFrom = (res: Response) => (res.headers.getSetCookie?.() ?? []).map((c) => c.split(";")[0]).join("; ");

async function gatewayCookie(base: string, slug: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${base}/portal/${slug}/login`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
  const res = await fetch(`${base}/portal/${slug}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: cookieFrom(page), "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: csrf, email, password }),
  });
  if (res.status !== 303) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return cookieFrom(res);
}

async function load(url: string, cookie: string): Promise<{ rps: number; p99: number; non2xx: number }> {
  await autocannon({ url, connections, duration: 2, headers: { cookie } }); // warm-up
  const result = await autocannon({ url, connections, duration: seconds, headers: { cookie } });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx + result.errors };
}

async function throughput(): Promise<void> {
  const basePort = await findFreePort();
  const baseline = await startChild(["bench/baseline-server.ts"], { PORT: String(basePort) }, "baseline ready");
  const login = await fetch(`http://127.0.0.1:${basePort}/login`, { method: "POST" });
  const baselineResult = await load(`http://127.0.0.1:${basePort}/api/projects`, cookieFrom(login));
  baseline.kill("SIGTERM");

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-bench-"));
  const port = await findFreePort();
  const gateway = await startChild(["src/server.ts"], { PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "warn", NODE_ENV: "production", MAIL_OUTBOX_ONLY: "true", SESSION_SECRET: "bench-session-secret-bench-session-secret" }, "Demo portal:");
  const base = `http://127.0.0.1:${port}`;
  const cookie = await gatewayCookie(base, "demo", "omar@acme.com", "demo-portal-2026");
  const gatewayResult = await load(`${base}/portal/demo/api/projects`, cookie);
  gateway.kill("SIGTERM");
  fs.rmSync(dataDir, { recursive: true, force: true });

  const store = process.env.REDIS_URL ? "Redis" : "PostgreSQL (PGlite)";
  console.log(`\nSigned-in JSON, ${connections} connections, ${seconds} s, sessions in ${store}`);
  console.log("| app | requests/s | p99 ms | non-2xx |\n|---|---|---|---|");
  console.log(`| baseline (Express 5 + express-session) | ${baselineResult.rps.toFixed(0)} | ${baselineResult.p99} | ${baselineResult.non2xx} |`);
  console.log(`| gateway /portal/demo/api/projects (company cached) | ${gatewayResult.rps.toFixed(0)} | ${gatewayResult.p99} | ${gatewayResult.non2xx} |`);
  console.log(`ratio gateway/baseline: ${(gatewayResult.rps / baselineResult.rps).toFixed(2)} (goal >= 0.85)`);
}

async function psaCalls(): Promise<void> {
  const companies = 20;
  const psa = await startMockConnectwise({ companies, latencyMs: 100 });
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; // the mock PSA's throwaway certificate; this process only
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-bench-psa-"));
  const key = Buffer.alloc(32, 3).toString("base64");
  const config = loadConfig({ NODE_ENV: "test", DATA_DIR: dataDir, SEED_DEMO: "false", LOG_LEVEL: "silent", CONNECTOR_SECRETS_KEY: key, SESSION_SECRET: "bench-session-secret-bench-session-secret", PSA_ALLOW_PRIVATE_HOSTS: "127.0.0.1", ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}) });
  const gateway = await composeGateway(config, createLogger("silent"), { keyPrefix: `bench:${process.pid}:` });
  const server = gateway.app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const address = server.address();
  const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  try {
    const sealed = sealConnectorSettings("connectwise", { site: `127.0.0.1:${psa.port}`, companyId: "bench", publicKey: "pub", privateKey: "priv", clientId: "0f6a6a0a-3b1e-4c55-9a5e-2d4a8c0f1e11" }, decodeSecretKey(key));
    const firm = await gateway.db.firm.create({ data: { slug: "bench", name: "Bench Firm", connectorKind: "connectwise", ...sealed } });
    const passwordHash = await hashPassword("bench-password-2026");
    const cookies: string[] = [];
    for (let n = 0; n < companies; n++) {
      await gateway.db.portalAccount.create({ data: { firmId: firm.id, email: `client${n}@company${n}.test`, passwordHash, status: "active", emailConfirmedAt: new Date() } });
      cookies.push(await gatewayCookie(base, "bench", `client${n}@company${n}.test`, "bench-password-2026"));
    }
    for (const k of Object.keys(psa.counts)) delete psa.counts[k];
    const askedBefore = psa.companiesAsked();
    const started = Date.now();
    const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => fetch(`${base}/portal/bench/api/projects`, { headers: { cookie: cookies[i % companies] as string } })));
    const elapsed = Date.now() - started;
    const ok = responses.filter((r) => r.status === 200).length;
    const total = Object.values(psa.counts).reduce((a, b) => a + b, 0);
    console.log(`\n200 concurrent loads by ${companies} clients of ${companies} companies, mock PSA latency 100 ms (${ok}/200 answered 200 in ${elapsed} ms)`);
    console.log("| PSA request | count | without coalescing |\n|---|---|---|");
    for (const [route, count] of Object.entries(psa.counts)) console.log(`| ${route} | ${count} | 200 |`);
    console.log(`contact lookups (company resolution): ${psa.counts["/company/contacts"] ?? 0} (goal <= ${companies}); all PSA requests: ${total}`);
    const companyReads = (psa.counts["/company/companies"] ?? 0) + (psa.counts["/company/companies/{id}"] ?? 0);
    console.log(`company reads: ${companyReads} requests for ${psa.companiesAsked() - askedBefore} companies named by the clients' contacts (one request per company without batching)`);
  } finally {
    server.close();
    await gateway.close();
    await psa.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (process.argv.includes("--psa-only")) return psaCalls();
  await throughput();
  await psaCalls();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
