import { createClient } from "redis";
import { findFreePort } from "../src/platform/db/embedded-postgres";
import { acquireLease } from "../src/platform/kv/lease";
import { load, ms, signIn, startGateway } from "./lib";
import type { LoadResult } from "./lib";
import { benchEmail, startMockConnectwise } from "./mock-psa";
import { BENCH_PASSWORD, benchEnv, freshDataDir, seedPsaFirm, withGateway } from "./seed";
import type { Row } from "./rows";

const CLIENTS = 20;

/** On Redis the store outlives the gateway: drop the firm's cached PSA answers so only the snapshot is left. */
async function forgetAnswers(firmId: string): Promise<void> {
  if (!process.env.REDIS_URL) return; // the in-process store went with the process
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  for (const pattern of [`gw:acc:${firmId}:*`, `gw:prj:${firmId}:*`, `gw:idx:co:${firmId}:*`]) {
    for await (const keys of client.scanIterator({ MATCH: pattern, COUNT: 1000 })) if (keys.length) await client.del(keys);
  }
  await client.quit();
}

/**
 * The client's page (HTML) while the PSA answers, company cached, against the same page while the PSA is down:
 * the circuit open and nothing cached, so each load is served from the PSA snapshot with its "as of" note.
 * 20 clients in 20 companies; the snapshot is taken while the PSA is up.
 */
export async function psaDownRows(): Promise<Row[]> {
  const psa = await startMockConnectwise({ companies: CLIENTS, latencyMs: 20 });
  const dataDir = freshDataDir();
  const firm = await withGateway(dataDir, async (gateway) => {
    const seeded = await seedPsaFirm(gateway, psa.port, CLIENTS);
    // The snapshot is what the company-scoping sync keeps: one full run, as `npm run cli -- sync run --full` makes.
    const lease = await acquireLease(gateway.store, `job:psa-sync:${seeded.id}`, 60_000);
    if (!lease) throw new Error("the firm's sync lock is taken");
    const ran = await gateway.syncScheduler.runFirm(seeded, { mode: "full", trigger: "cli", requestedBy: null }, lease).finally(() => lease.release());
    if (ran.kind !== "finished" || ran.status !== "succeeded") throw new Error(`the sync run did not succeed: ${JSON.stringify(ran)}`);
    return seeded;
  });
  const run = async (): Promise<LoadResult & { note: boolean }> => {
    const port = await findFreePort();
    const gateway = await startGateway({ ...benchEnv(dataDir), PORT: String(port) });
    try {
      const base = `http://127.0.0.1:${port}`;
      const cookies: string[] = [];
      for (let n = 0; n < CLIENTS; n++) cookies.push(await signIn(base, firm.slug, benchEmail(n), BENCH_PASSWORD));
      const page = await (await fetch(`${base}/portal/${firm.slug}/`, { headers: { cookie: cookies[0] as string } })).text();
      const result = await load(`${base}/portal/${firm.slug}/`, cookies, { warmup: 5 });
      return { ...result, note: page.includes("Showing information as of") };
    } finally {
      await gateway.stop();
    }
  };
  try {
    const healthy = await run();
    psa.down = true;
    await forgetAnswers(firm.id);
    const down = await run();
    if (!down.note) throw new Error("the page while the PSA is down did not come from the snapshot");
    const show = (r: LoadResult) => `${r.rps.toFixed(0)} req/s, p50 ${ms(r.p50)} ms, p99 ${ms(r.p99)} ms${r.non2xx ? `, ${r.non2xx} non-2xx` : ""}`;
    return [{ row: "client page while the PSA is down (circuit open, from the snapshot) vs healthy (cached)", baseline: show(healthy), measured: show(down), ratio: `p99 ${(down.p99 / healthy.p99).toFixed(2)}x`, goal: "p99 <= 1.2x" }];
  } finally {
    await psa.close();
  }
}

/** PSA requests made by 200 concurrent page loads of 20 clients in 20 companies (mock PSA, 100 ms latency), in this process. */
export async function coalescingRows(): Promise<Row[]> {
  const psa = await startMockConnectwise({ companies: CLIENTS, latencyMs: 100 });
  try {
    return await withGateway(
      freshDataDir(),
      async (gateway) => {
        const firm = await seedPsaFirm(gateway, psa.port, CLIENTS);
        const server = gateway.app.listen(0, "127.0.0.1");
        await new Promise((resolve) => server.once("listening", resolve));
        const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
        try {
          const cookies: string[] = [];
          for (let n = 0; n < CLIENTS; n++) cookies.push(await signIn(base, firm.slug, benchEmail(n), BENCH_PASSWORD));
          // Signing in loaded each client's page once: expire those answers, so the 200 loads ask the PSA again.
          for (let n = 0; n < CLIENTS; n++) await gateway.resolver.invalidateAccount(firm, benchEmail(n));
          for (let id = 1; id <= CLIENTS; id++) await gateway.resolver.invalidateCompany(firm, String(id));
          for (const k of Object.keys(psa.counts)) delete psa.counts[k];
          psa.companiesAsked = 0;
          const started = Date.now();
          const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => fetch(`${base}/portal/${firm.slug}/api/projects`, { headers: { cookie: cookies[i % CLIENTS] as string } })));
          const elapsed = Date.now() - started;
          const ok = responses.filter((r) => r.status === 200).length;
          const lookups = psa.counts["/company/contacts"] ?? 0;
          const all = Object.entries(psa.counts).map(([route, count]) => `${route} ${count}`).join(", ");
          const companyReads = (psa.counts["/company/companies"] ?? 0) + (psa.counts["/company/companies/{id}"] ?? 0);
          return [
            { row: `PSA requests for 200 concurrent loads, 20 clients in 20 companies (${ok}/200 answered in ${elapsed} ms)`, baseline: "200 per endpoint without coalescing", measured: all, ratio: `${lookups} contact lookups`, goal: "<= 20 lookups" },
            { row: "company reads for the same loads (every fourth client is a contact of two companies)", baseline: `${psa.companiesAsked} companies named: one request each without batching`, measured: `${companyReads} requests`, ratio: `${companyReads} / ${psa.companiesAsked}`, goal: "<= 20 requests" },
          ];
        } finally {
          server.close();
        }
      },
      `bench:${process.pid}:`,
    );
  } finally {
    await psa.close();
  }
}
