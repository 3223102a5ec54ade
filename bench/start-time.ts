import { findFreePort } from "../src/platform/db/embedded-postgres";
import { startChild } from "./lib";
import { freshDataDir } from "./seed";
import type { Row } from "./rows";

/** `npm start` on the embedded default (demo included) until it listens: wall time, and the process's own count. */
async function timeStart(dataDir: string): Promise<{ wallMs: number; processMs: number }> {
  const port = await findFreePort();
  const started = Date.now();
  const child = await startChild("npm", ["start"], { DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "info", DATABASE_URL: undefined, REDIS_URL: undefined, SESSION_SECRET: undefined, NODE_ENV: undefined }, "gateway listening");
  const wallMs = Date.now() - started;
  const processMs = Number(/"startedInMs":(\d+)/.exec(child.output())?.[1] ?? NaN);
  await child.stop();
  return { wallMs, processMs };
}

export async function startRows(): Promise<Row[]> {
  const dataDir = freshDataDir();
  const first = await timeStart(dataDir);
  const again = await timeStart(dataDir);
  const show = (t: { wallMs: number; processMs: number }) => `${(t.wallMs / 1000).toFixed(1)} s (node process ${(t.processMs / 1000).toFixed(1)} s)`;
  return [
    { row: "`npm start` to listening, embedded default, first start (new database, migrations, demo firm)", baseline: "16.6 s (issue 15, fresh clone)", measured: show(first), ratio: "", goal: "<= 5 s" },
    { row: "`npm start` to listening, embedded default, restart", baseline: "13.4 s (issue 15)", measured: show(again), ratio: "", goal: "<= 5 s" },
  ];
}
