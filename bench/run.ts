import os from "node:os";
import { execSync } from "node:child_process";
import { connections, seconds } from "./lib";
import { pageRows } from "./throughput";
import { coalescingRows, psaDownRows } from "./psa";
import { signInRows } from "./sign-in";
import { startRows } from "./start-time";
import { scaleRows } from "./scale";
import { printRows } from "./rows";
import type { Row } from "./rows";

/**
 * `npm run bench`: every row of the performance table (README "Performance"), each with what it is compared
 * against measured in the same run. DATABASE_URL and REDIS_URL bench the server setup (sessions in Redis);
 * unset, the embedded default. BENCH_SECONDS (10) and BENCH_CONNECTIONS (20) set each load run; BENCH_ONLY
 * (comma-separated: pages, psa, sign-in, start, scale, coalescing) runs some rows. Loopback only.
 */
const sections: Record<string, () => Promise<Row[]>> = { pages: pageRows, psa: psaDownRows, "sign-in": signInRows, start: startRows, scale: scaleRows, coalescing: coalescingRows };

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
  const setup = process.env.REDIS_URL ? "PostgreSQL + Redis, sessions in Redis" : "embedded default: PGlite, sessions in PostgreSQL, in-process store";
  const load = os.loadavg().map((l) => l.toFixed(2)).join(", ");
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  console.log(`Setup: ${setup}. ${connections} connections, ${seconds} s per load run. Machine: ${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB; load average before: ${load}.`);
  const rows: Row[] = [];
  for (const [name, run] of Object.entries(sections)) {
    if (only && !only.includes(name)) continue;
    const started = Date.now();
    const got = await run();
    rows.push(...got);
    console.log(`  ${name}: ${((Date.now() - started) / 1000).toFixed(0)} s (load average now ${os.loadavg()[0]?.toFixed(2)})`);
  }
  printRows(`Performance (${setup}), ${new Date().toISOString().slice(0, 16)} UTC, node ${process.version}, ${execSync("git rev-parse --short HEAD").toString().trim()}`, rows);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
