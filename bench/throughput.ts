import { findFreePort } from "../src/platform/db/embedded-postgres";
import { cookieFrom, load, ms, signIn, startChild, startGateway } from "./lib";
import type { LoadResult } from "./lib";
import { freshDataDir } from "./seed";
import type { Row } from "./rows";

const show = (r: LoadResult) => `${r.rps.toFixed(0)} req/s, p99 ${ms(r.p99)} ms, ${r.cpuUs?.toFixed(0)} µs CPU/req${r.non2xx ? `, ${r.non2xx} non-2xx` : ""}`;

/**
 * The signed-in HTML page and the JSON API of the demo firm (CSV PSA, company cached) against a minimal
 * Express 5 + express-session app answering the same two requests on the same kind of session store, each pair
 * measured back to back with the same connections and duration.
 */
export async function pageRows(): Promise<Row[]> {
  const basePort = await findFreePort();
  // One process (not the tsx wrapper and its child), so its CPU time is the server's.
  const baseline = await startChild(process.execPath, ["--import", "tsx", "bench/baseline-server.ts"], { PORT: String(basePort) }, "baseline ready");
  const port = await findFreePort();
  const gateway = await startGateway({ PORT: String(port), DATA_DIR: freshDataDir(), SEED_DEMO: "true" });
  try {
    const login = await fetch(`http://127.0.0.1:${basePort}/login`, { method: "POST" });
    const baselineCookie = cookieFrom(login);
    const base = `http://127.0.0.1:${port}`;
    const cookie = await signIn(base, "demo", "omar@acme.com", "demo-portal-2026");
    const rows: Row[] = [];
    for (const [name, baselinePath, gatewayPath] of [
      ["signed-in HTML page `/portal/demo/`", "/", "/portal/demo/"],
      ["JSON API `/portal/demo/api/projects`", "/api/projects", "/portal/demo/api/projects"],
    ] as const) {
      const b = await load(`http://127.0.0.1:${basePort}${baselinePath}`, [baselineCookie], { pid: baseline.process.pid });
      const g = await load(`${base}${gatewayPath}`, [cookie], { pid: gateway.process.pid });
      const cpuRatio = b.cpuUs && g.cpuUs ? ` (CPU/req ${(b.cpuUs / g.cpuUs).toFixed(2)})` : "";
      rows.push({ row: `${name} (company cached)`, baseline: show(b), measured: show(g), ratio: `${(g.rps / b.rps).toFixed(2)}${cpuRatio}`, goal: "throughput >= 0.85" });
    }
    return rows;
  } finally {
    await gateway.stop();
    await baseline.stop();
  }
}
