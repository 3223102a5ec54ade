import { loadConfig } from "../config";
import { effectiveFirmPolicy } from "../config/firm-settings";
import { findFreePort } from "../src/platform/db/embedded-postgres";
import { createMemoryStore } from "../src/platform/kv/memory-store";
import { createRedisStore } from "../src/platform/kv/redis-store";
import { createServiceHealth } from "../src/platform/service-health";
import { createLogger } from "../src/platform/logger";
import { createLockout } from "../src/sign-in/lockout";
import { cookieFrom, percentile, startGateway } from "./lib";
import { benchEmail } from "./mock-psa";
import { BENCH_PASSWORD, benchEnv, freshDataDir, seedPsaFirm, withGateway } from "./seed";
import type { Row } from "./rows";

const SIGN_INS = 60;

/** Sign-in with the right password, as a browser posts it (argon2id verify included), one at a time. */
async function signInLatencies(): Promise<number[]> {
  const dataDir = freshDataDir();
  const firm = await withGateway(dataDir, (gateway) => seedPsaFirm(gateway, 1, 20));
  const port = await findFreePort();
  const gateway = await startGateway({ ...benchEnv(dataDir), PORT: String(port) });
  const base = `http://127.0.0.1:${port}/portal/${firm.slug}`;
  try {
    const times: number[] = [];
    for (let i = 0; i < SIGN_INS + 5; i++) {
      const page = await fetch(`${base}/login`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? "";
      const started = performance.now();
      const res = await fetch(`${base}/login`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: cookieFrom(page), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ _csrf: csrf, email: benchEmail(i % 20), password: BENCH_PASSWORD }),
      });
      await res.arrayBuffer();
      if (res.status !== 303) throw new Error(`sign-in answered ${res.status}`);
      if (i >= 5) times.push(performance.now() - started); // the first few warm the process up
    }
    return times;
  } finally {
    await gateway.stop();
  }
}

/** What the lockout costs a successful sign-in (the attempt counted before the password, cleared after), on this setup's store. */
async function lockoutLatencies(): Promise<number[]> {
  const config = loadConfig({ DATA_DIR: freshDataDir(), ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}) });
  const store = process.env.REDIS_URL ? await createRedisStore(process.env.REDIS_URL, `bench:${process.pid}:`, createServiceHealth(createLogger("silent"))) : createMemoryStore();
  const lockout = createLockout(store, config);
  const policy = effectiveFirmPolicy({}, config);
  const times: number[] = [];
  try {
    for (let i = 0; i < 2_000; i++) {
      const email = `client${i % 50}@bench.test`;
      const started = performance.now();
      // The counted attempt around a password check that passes (the check itself is free here).
      await lockout.attempt({ firmId: "bench-firm", key: email, ip: "198.51.100.7", policy }, async () => ({ passed: true }));
      if (i >= 100) times.push(performance.now() - started);
    }
    return times;
  } finally {
    await store.close();
  }
}

export async function signInRows(): Promise<Row[]> {
  const signIns = await signInLatencies();
  const lockout = await lockoutLatencies();
  const f = (v: number) => v.toFixed(v < 1 ? 3 : 1);
  return [
    { row: `sign-in, right password (argon2id m=19 MiB t=2 p=1), ${SIGN_INS} in a row`, baseline: "", measured: `p50 ${f(percentile(signIns, 50))} ms, p99 ${f(percentile(signIns, 99))} ms`, ratio: "", goal: "" },
    { row: "what the lockout adds to a sign-in (IP and email checks, reset on success)", baseline: "", measured: `p50 ${f(percentile(lockout, 50))} ms, p99 ${f(percentile(lockout, 99))} ms`, ratio: "", goal: "< 1 ms" },
  ];
}
