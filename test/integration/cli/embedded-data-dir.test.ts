import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "../../../src/platform/db/embedded-postgres";
import { holdDataDir } from "../../../src/platform/db/data-dir-holder";
import { migratedDataDir, runCliProcess, startGatewayProcess } from "../../helpers/processes";
import type { GatewayProcess } from "../../helpers/processes";

// The embedded default keeps PGlite inside the gateway's process, and PGlite must never be opened by two processes.
// The CLI works on the same data either way: through the running gateway's socket, or by opening DATA_DIR itself
// (holding it, so that a gateway starting meanwhile waits). Real processes, as an operator runs them.
let dir: string;
let port: number;
let gateway: GatewayProcess | undefined;
const env = () => ({ DATA_DIR: dir, PORT: String(port), SEED_DEMO: "false" });
const holderFile = () => path.join(dir, "run", "holder.json");

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-cli-"));
  port = await findFreePort();
  await migratedDataDir(dir, `INSERT INTO "Firm" (id, slug, name, "updatedAt") VALUES (gen_random_uuid(), 'hart-and-co', 'Hart & Co', now())`);
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const json = (stdout: string) => JSON.parse(stdout) as { ok: boolean; data: Record<string, unknown> & { token?: string; tokens?: Array<{ id: string; revokedAt: string | null }> } };
const firmOverApi = (token: string) => fetch(`http://127.0.0.1:${port}/api/admin/v1/firm`, { headers: { authorization: `Bearer ${token}` } });

let token: string;
let gatewayPid: number;

test("with no gateway running, the CLI opens DATA_DIR itself, and lets it go when done", async () => {
  const made = await runCliProcess(["token", "create", "--firm", "hart-and-co", "--role", "admin", "--name", "onboarding script", "--json"], env());
  expect(made.stderr).toBe("");
  expect(made.code).toBe(0);
  token = json(made.stdout).data.token as string;
  expect(token).toMatch(/^pgw_/);
  expect(fs.existsSync(holderFile())).toBe(false);
}, 60_000);

test("while the CLI holds DATA_DIR, a gateway starting waits for it, then starts on the same data", async () => {
  const cli = await holdDataDir(dir, { kind: "cli", database: null });
  gateway = startGatewayProcess(env());
  await gateway.waitFor("waiting for it to finish", 60_000);
  expect(gateway.output()).not.toContain("gateway listening");
  cli.release();
  await gateway.waitFor("gateway listening");
  expect((await firmOverApi(token)).status).toBe(200);
}, 180_000);

test("with the gateway running, the CLI works through the gateway's socket: a token it revokes stops working at once", async () => {
  const holder = JSON.parse(fs.readFileSync(holderFile(), "utf8")) as { kind: string; pid: number; database: { socketDir: string } };
  expect(holder).toEqual(expect.objectContaining({ kind: "gateway", database: { socketDir: path.join(dir, "run") } }));
  gatewayPid = holder.pid;

  const listed = await runCliProcess(["token", "list", "--firm", "hart-and-co", "--json"], env());
  expect(listed.code).toBe(0);
  const [row] = json(listed.stdout).data.tokens!;
  expect(row!.revokedAt).toBeNull();
  // The gateway kept DATA_DIR: the CLI did not open PGlite a second time.
  expect(JSON.parse(fs.readFileSync(holderFile(), "utf8")).pid).toBe(gatewayPid);

  const revoked = await runCliProcess(["token", "revoke", "--firm", "hart-and-co", row!.id], env());
  expect(revoked.code).toBe(0);
  expect(revoked.stdout).toContain('Revoked "onboarding script"');
  expect((await firmOverApi(token)).status).toBe(401);
}, 60_000);

test("a second gateway on the same DATA_DIR refuses to start, and says why", async () => {
  const second = startGatewayProcess({ ...env(), PORT: String(await findFreePort()) });
  expect(await second.exited()).not.toBe(0);
  expect(second.output()).toContain(`DATA_DIR is in use by a running gateway (pid ${gatewayPid})`);
  expect(second.output()).not.toMatch(/\n\s+at /);
}, 120_000);

test("once the gateway stops, DATA_DIR is free again and the CLI opens it itself", async () => {
  await gateway!.stop();
  expect(fs.existsSync(holderFile())).toBe(false);
  const listed = await runCliProcess(["token", "list", "--firm", "hart-and-co"], env());
  expect(listed.code).toBe(0);
  expect(listed.stdout).toContain("revoked");
}, 60_000);
