import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../../../src/platform/db/embedded-postgres";
import type { EmbeddedPostgres } from "../../../src/platform/db/embedded-postgres";

// Issue 14, finding 3: the embedded PostgreSQL was served on a loopback TCP port that took any user and password,
// so any local process could read sessions, password hashes and links. It is served on a Unix socket in a folder
// only the gateway's user can open.
const pgModule = path.resolve(__dirname, "..", "..", "..", "node_modules", "pg");
let dataDir: string;
let embedded: EmbeddedPostgres;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-pg-access-"));
  embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pglite"), socketDir: path.join(dataDir, "run") });
}, 120_000);

afterAll(async () => {
  await embedded?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Connects as a stranger with a made-up password from another process (as `nobody` when the tests run as root). */
function connectFromAnotherProcess(url: string, asNobody: boolean): Promise<string> {
  const target = new URL(url);
  target.username = "intruder";
  target.password = "any-password-at-all";
  const script = `const { Client } = require(${JSON.stringify(pgModule)});
    const c = new Client({ connectionString: ${JSON.stringify(target.toString())}, connectionTimeoutMillis: 5000 });
    c.connect().then(() => c.query("select count(*) from pg_catalog.pg_tables")).then(() => { console.log("connected"); return c.end(); }, (e) => console.log("refused:" + (e.code || e.message)));`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "pipe"], ...(asNobody ? { uid: 65534, gid: 65534 } : {}) });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("error", reject);
    child.on("close", () => resolve(out.trim())); // after the output is read to its end
  });
}

test("the embedded database listens on no TCP port: its address is a socket folder", () => {
  const host = new URL(embedded.url).searchParams.get("host");
  expect(host).toBe(path.join(dataDir, "run"));
  expect(new URL(embedded.url).port).toBe("");
});

test("the socket folder is the gateway user's alone", () => {
  const folder = fs.statSync(path.join(dataDir, "run"));
  expect(folder.mode & 0o077).toBe(0);
  const socket = fs.statSync(path.join(dataDir, "run", ".s.PGSQL.5432"));
  expect(socket.isSocket()).toBe(true);
  expect(socket.mode & 0o077).toBe(0);
});

const asRoot = process.getuid?.() === 0;
(asRoot ? test : test.skip)("another user's process is refused, whatever user and password it sends", async () => {
  const answer = await connectFromAnotherProcess(embedded.url, true);
  expect(answer).toBe("refused:EACCES");
});

test("the gateway's own user still connects (the migration engine, the session store, the CLI)", async () => {
  expect(await connectFromAnotherProcess(embedded.url, false)).toBe("connected");
});
