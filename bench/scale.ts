import { findFreePort } from "../src/platform/db/embedded-postgres";
import { load, ms, rssMb, signIn, startGateway } from "./lib";
import { benchEmail, startMockConnectwise } from "./mock-psa";
import { BENCH_PASSWORD, benchEnv, freshDataDir, seedPsaFirm, withGateway } from "./seed";
import type { Row } from "./rows";

const SIGNED_IN = 20;

/**
 * The client page's throughput and the gateway's memory with 100, 10,000 and 100,000 accounts in 10, 1,000 and
 * 10,000 companies: 20 of the accounts, spread over the range, load the page (company cached).
 */
export async function scaleRows(): Promise<Row[]> {
  const rows: Row[] = [];
  let first: number | null = null;
  for (const [accounts, companies] of [
    [100, 10],
    [10_000, 1_000],
    [100_000, 10_000],
  ] as const) {
    const psa = await startMockConnectwise({ companies, contacts: accounts, latencyMs: 20 });
    const dataDir = freshDataDir();
    const seedStarted = Date.now();
    const firm = await withGateway(dataDir, (gateway) => seedPsaFirm(gateway, psa.port, accounts));
    const seededIn = Date.now() - seedStarted;
    const port = await findFreePort();
    const gateway = await startGateway({ ...benchEnv(dataDir), PORT: String(port) });
    try {
      const base = `http://127.0.0.1:${port}`;
      const cookies: string[] = [];
      for (let i = 0; i < SIGNED_IN; i++) cookies.push(await signIn(base, firm.slug, benchEmail(Math.floor((i * accounts) / SIGNED_IN)), BENCH_PASSWORD));
      const before = rssMb(gateway.process.pid as number);
      const result = await load(`${base}/portal/${firm.slug}/`, cookies, { warmup: 3 });
      const after = rssMb(gateway.process.pid as number);
      first ??= result.rps;
      rows.push({
        row: `client page, ${accounts.toLocaleString("en-US")} accounts in ${companies.toLocaleString("en-US")} companies (seeded in ${(seededIn / 1000).toFixed(1)} s)`,
        baseline: rows.length === 0 ? "" : "the 100-account row",
        measured: `${result.rps.toFixed(0)} req/s, p99 ${ms(result.p99)} ms${result.non2xx ? `, ${result.non2xx} non-2xx` : ""}; gateway RSS ${before.toFixed(0)} MB before, ${after.toFixed(0)} MB after`,
        ratio: (result.rps / first).toFixed(2),
        goal: "flat throughput, bounded memory",
      });
    } finally {
      await gateway.stop();
      await psa.close();
    }
  }
  return rows;
}
