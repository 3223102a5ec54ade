import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type { Firm } from "../../../src/generated/prisma/client";
import { acquireLease } from "../../../src/platform/kv/lease";
import { syncRun } from "../../../src/psa/cli/sync-run";
import { startGatewayWithFakePsa } from "../../helpers/test-gateway";
import type { ShareableTestGateway } from "../../helpers/test-gateway";
import { connectDemoPsa, connectPsa, createFirm, createPortalAccount } from "../../helpers/seed";
import { connectwiseSettings } from "../../helpers/fake-connectwise";
import type { FakePsa } from "../../helpers/fake-connectwise";

// `npm run cli -- sync run --firm SLUG`: one run now, from the shell, under the same lock as the scheduled runs.
const SECRETS_KEY = Buffer.alloc(32, 29).toString("base64");
const root = path.resolve(__dirname, "..", "..", "..");
let gw: ShareableTestGateway, psa: FakePsa, close: () => Promise<void>;

beforeAll(async () => {
  ({ gw, psa, close } = await startGatewayWithFakePsa({ CONNECTOR_SECRETS_KEY: SECRETS_KEY }));
  psa.companies.push({ id: 250, name: "Acme Corp" });
  psa.contacts.push({ id: 1, first: "Jane", last: "Smith", emails: ["jane@acme.com"], companyId: 250 });
});
afterAll(() => close());

const command = (input: { firm: string; full?: boolean }) => syncRun({ ...gw, config: gw.config }, { full: false, ...input });

async function connectwiseFirm(): Promise<Firm> {
  const firm = await connectPsa(gw.db, await createFirm(gw.db), "connectwise", connectwiseSettings, SECRETS_KEY);
  await createPortalAccount(gw.db, firm, { email: "jane@acme.com" });
  return firm;
}

describe("sync run", () => {
  test("runs the firm's sync now: the run is recorded as the CLI's, and its counts are printed", async () => {
    const firm = await connectwiseFirm();
    const outcome = await command({ firm: firm.slug.toUpperCase(), full: true });
    expect(outcome).toMatchObject({ ok: true, data: { firm: firm.slug, status: "succeeded", counts: { added: 2, linked: 1 } } });
    expect(outcome.ok && outcome.lines.join("\n")).toContain("accounts: 1 linked, 0 turned off");
    expect(await gw.db.syncRun.findFirstOrThrow({ where: { firmId: firm.id } })).toMatchObject({ trigger: "cli", mode: "full", status: "succeeded" });
  });

  test("never overlaps a run going on elsewhere: with the firm's lock held it says so and runs nothing", async () => {
    const firm = await connectwiseFirm();
    const elsewhere = await acquireLease(gw.store, `job:psa-sync:${firm.id}`, 60_000);
    try {
      expect(await command({ firm: firm.slug })).toMatchObject({ ok: false, code: "sync_in_progress" });
      expect(await gw.db.syncRun.count({ where: { firmId: firm.id } })).toBe(0);
    } finally {
      await elsewhere?.release();
    }
  });

  test("an unknown slug, a firm with no PSA, and a failed run each say what happened and what to do", async () => {
    expect(await command({ firm: "no-such-firm" })).toMatchObject({ ok: false, code: "portal_not_found", message: 'No firm has the slug "no-such-firm".' });
    const bare = await createFirm(gw.db);
    expect(await command({ firm: bare.slug })).toMatchObject({ ok: false, code: "psa_not_connected", hint: `Connect it on the console: /portal/${bare.slug}/admin/psa.` });
    const firm = await connectwiseFirm();
    psa.mode = "down";
    try {
      const failed = await command({ firm: firm.slug });
      expect(failed).toMatchObject({ ok: false, code: "sync_failed" });
      expect(!failed.ok && failed.message).toMatch(/the run failed \(psa_unavailable\)/);
    } finally {
      psa.mode = "up";
    }
    expect(await gw.db.portalAccount.count({ where: { firmId: firm.id, status: "disabled" } })).toBe(0);
  });
});

describe("npm run cli", () => {
  const cli = (args: string[], env: Record<string, string> = {}) =>
    promisify(execFile)(path.join(root, "node_modules", ".bin", "tsx"), ["src/cli.ts", ...args], { cwd: root, env: { ...process.env, LOG_LEVEL: "silent", REDIS_URL: "", ...env }, timeout: 120_000 }).then(
      (done) => ({ code: 0, stdout: done.stdout, stderr: done.stderr }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );

  test("runs a firm's sync from the shell against the gateway's database, and answers bad usage with exit 2", async () => {
    const firm = await connectDemoPsa(gw.db, await createFirm(gw.db));
    const ran = await cli(["sync", "run", "--firm", firm.slug, "--full", "--json"], { DATABASE_URL: gw.database.url, CONNECTOR_SECRETS_KEY: SECRETS_KEY });
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ ok: true, data: { firm: firm.slug, status: "succeeded" } });
    expect(await gw.db.syncRun.findFirstOrThrow({ where: { firmId: firm.id } })).toMatchObject({ trigger: "cli", mode: "full", status: "succeeded" });

    const usage = await cli(["sync", "run"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--firm <slug>");
  }, 180_000);
});
