import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { findFreePort } from "../../../src/platform/db/embedded-postgres";

// `npm start` as an operator meets it: when the gateway cannot start, it says why and which setting changes it,
// and exits non-zero (a supervisor restarts it, a script stops), instead of printing "listening" and idling.
const root = path.resolve(__dirname, "..", "..", "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gw-start-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Start `src/server.ts` with `env` and wait for it to exit (or give up after 150 s and kill it). */
function start(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  // node --import tsx, not the tsx wrapper: one process, so the kill below ends the gateway itself.
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "development", HOST: "127.0.0.1", SEED_DEMO: "false", LOG_LEVEL: "info", DATABASE_URL: "", REDIS_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 150_000);
    // "close", not "exit": "exit" may come before the piped output is read, and the output is what is checked.
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const freshDataDir = (name: string) => fs.mkdtempSync(path.join(tmp, `${name}-`));

describe("a gateway that cannot start says why and exits non-zero", () => {
  // Each case is its own process: run them side by side.
  test.concurrent("a busy port: names the port, says it is in use and that PORT changes it; never claims to listen", async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const { code, output } = await start({ PORT: String(port), DATA_DIR: freshDataDir("port") });
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
      expect(output).toContain(`port ${port}`);
      expect(output).toMatch(/already in use/);
      expect(output).toMatch(/\bPORT\b/);
      expect(output).not.toContain("gateway listening");
    } finally {
      busy.close();
    }
  }, 180_000);

  test.concurrent("Redis not answering: names REDIS_URL (without its password) and exits instead of waiting forever", async () => {
    const closed = await findFreePort();
    const { code, output } = await start({ PORT: String(await findFreePort()), DATA_DIR: freshDataDir("redis"), REDIS_URL: `redis://:hunter2-redis-password@127.0.0.1:${closed}` });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(output).toContain("REDIS_URL");
    expect(output).toContain(`127.0.0.1:${closed}`);
    expect(output).not.toContain("hunter2-redis-password");
  }, 180_000);

  test.concurrent("PostgreSQL not answering: names DATABASE_URL (without its password)", async () => {
    const closed = await findFreePort();
    const { code, output } = await start({ PORT: String(await findFreePort()), DATA_DIR: freshDataDir("pg"), DATABASE_URL: `postgres://gateway:hunter2-pg-password@127.0.0.1:${closed}/gateway` });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(output).toContain("DATABASE_URL");
    expect(output).toContain(`127.0.0.1:${closed}`);
    expect(output).not.toContain("hunter2-pg-password");
  }, 180_000);

  test.concurrent("migrations that cannot be applied: says the database could not be migrated, and where", async () => {
    // An embedded database that already holds a table the first migration creates: the migration fails.
    const dataDir = freshDataDir("migrate");
    const db = await PGlite.create(path.join(dataDir, "pglite"));
    await db.exec('CREATE TABLE "Firm" (id int)');
    await db.close();
    const { code, output } = await start({ PORT: String(await findFreePort()), DATA_DIR: dataDir });
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(output).toMatch(/could not be migrated/);
    expect(output).toContain("DATA_DIR");
  }, 180_000);
});
