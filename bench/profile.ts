import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { findFreePort } from "../src/platform/db/embedded-postgres";
import { connections, seconds, signIn, startGateway } from "./lib";
import { freshDataDir } from "./seed";

/**
 * `npm run bench:profile -- /portal/demo/`: a CPU profile of the gateway (node --cpu-prof) while it serves one
 * signed-in path of the demo firm under load, summarized by where the time goes: each package under
 * node_modules, our own files, and the runtime. The .cpuprofile is kept for Chrome DevTools.
 */
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time per place and per function, counting only the samples taken between `fromUs` and `untilUs` (the profile's clock). */
function summarize(file: string, fromUs: number, untilUs: number): void {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number };
  const selfUs = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at >= fromUs && at <= untilUs) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = selfUs.get(node.id) ?? 0;
    const url = node.callFrame.url;
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
    const place = pkg ? `pkg ${pkg}` : url.includes("/src/") || url.includes("/dist/") ? "our code (dist/server.js)" : url.startsWith("node:") ? `node ${url.slice(5).split("/")[0]}` : node.callFrame.functionName || "(runtime)";
    byPlace.set(place, (byPlace.get(place) ?? 0) + us);
    const fn = `${node.callFrame.functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}:${node.callFrame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const total = [...byPlace.values()].reduce((a, b) => a + b, 0);
  const show = (map: Map<string, number>, n: number) =>
    [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).forEach(([k, v]) => console.log(`${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`));
  console.log(`\nself time by place (${(total / 1e6).toFixed(1)} s sampled):`);
  show(byPlace, 25);
  console.log("\nself time by function:");
  show(byFunction, 30);
  const ours = new Map([...byFunction].filter(([k]) => k.includes("dist/server.js")));
  console.log("\nour functions:");
  show(ours, 15);
}

async function main(): Promise<void> {
  const target = process.argv[2] ?? "/portal/demo/";
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-profile-"));
  const port = await findFreePort();
  const gateway = await startGateway({ PORT: String(port), DATA_DIR: freshDataDir(), SEED_DEMO: "true" }, ["--cpu-prof", `--cpu-prof-dir=${dir}`]);
  const base = `http://127.0.0.1:${port}`;
  const cookie = await signIn(base, "demo", "omar@acme.com", "demo-portal-2026");
  await autocannon({ url: `${base}${target}`, connections, duration: 2, headers: { cookie } });
  const loadStarted = performance.now();
  const result = await autocannon({ url: `${base}${target}`, connections, duration: seconds, headers: { cookie } });
  const loadMs = performance.now() - loadStarted;
  console.log(`${target}: ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`);
  const stopAsked = performance.now();
  await gateway.stop();
  const [file] = fs.readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error("no profile written");
  console.log(`profile: ${path.join(dir, file)}`);
  const { endTime } = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as { endTime: number };
  // The load ended about (stop time) before the profile did; keep its middle, away from either edge.
  const loadEndUs = endTime - (performance.now() - stopAsked) * 1000;
  summarize(path.join(dir, file), loadEndUs - loadMs * 1000 + 500_000, loadEndUs - 500_000);
}

void main().then(() => process.exit(0));
