import request from "supertest";
import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFakePsa, startTestGateway } from "../../helpers/test-gateway";
import type { ShareableTestGateway } from "../../helpers/test-gateway";
import { connectPsa, createFirm, createPortalAccount, setWebhookSecret } from "../../helpers/seed";
import { connectwiseSettings } from "../../helpers/fake-connectwise";
import type { FakePsa } from "../../helpers/fake-connectwise";
import { eventually } from "../../helpers/links";

// Many firms on one deployment: the job runs every due firm, a few at a time; any instance may pick up any firm;
// one instance runs a firm at a time; a webhook asks for a small incremental run.
const SECRETS_KEY = Buffer.alloc(32, 17).toString("base64");
let gw: ShareableTestGateway, psa: FakePsa;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ gw, psa, close } = await startGatewayWithFakePsa({ CONNECTOR_SECRETS_KEY: SECRETS_KEY, SYNC_MAX_CONCURRENT: "2" }));
  psa.companies.push({ id: 250, name: "Acme Corp" });
  psa.contacts.push({ id: 1, first: "Jane", last: "Smith", emails: ["jane@acme.com"], companyId: 250 });
});
afterAll(() => close());

const connectedFirm = async (): Promise<Firm> => connectPsa(gw.db, await createFirm(gw.db), "connectwise", connectwiseSettings, SECRETS_KEY);
const runsOf = (firms: Firm[]) => gw.db.syncRun.findMany({ where: { firmId: { in: firms.map((f) => f.id) } } });

/** Holds every PSA call until released: runs stay in progress while the test looks. */
function holdPsa(): () => void {
  let release = () => {};
  psa.hold = new Promise<void>((resolve) => (release = resolve));
  return () => {
    psa.hold = null;
    release();
  };
}

describe("the sync job", () => {
  test("runs every due firm, never more than SYNC_MAX_CONCURRENT at once in one instance, and each once", async () => {
    await gw.sync.runNow(); // earlier firms of this database are done
    const firms = [await connectedFirm(), await connectedFirm(), await connectedFirm(), await connectedFirm()];
    const release = holdPsa();
    try {
      const draining = gw.sync.runNow();
      await eventually(async () => (await gw.db.syncRun.count({ where: { status: "running" } })) === 2);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await gw.db.syncRun.count({ where: { status: "running" } })).toBe(2);
      release();
      const reports = await draining;
      expect(reports.filter((r) => firms.some((f) => f.id === r.firmId)).map((r) => r.outcome)).toEqual(Array(4).fill(expect.objectContaining({ kind: "finished", status: "succeeded" })));
    } finally {
      release();
    }
    expect((await runsOf(firms)).length).toBe(4);
    expect(await gw.sync.runNow()).toEqual([]); // nothing due until each firm's next slot
  });

  test("one sync leader among two gateway instances: while one runs a firm, the other runs nothing of it, even when asked", async () => {
    await gw.sync.runNow();
    const second = await startTestGateway({ env: { CONNECTOR_SECRETS_KEY: SECRETS_KEY }, share: { database: gw.database, keyPrefix: gw.keyPrefix } });
    const release = holdPsa();
    try {
      const firm = await connectedFirm();
      const first = gw.sync.runNow();
      await eventually(async () => (await gw.db.syncRun.count({ where: { firmId: firm.id, status: "running" } })) === 1);
      expect((await second.sync.runNow()).some((r) => r.firmId === firm.id)).toBe(false); // not due: its run started
      // A staff member asks for a run meanwhile: due for both instances now, run by neither while the first runs.
      await gw.db.syncRequest.create({ data: { firmId: firm.id, mode: "incremental", trigger: "staff", requestedBy: "admin@firm.example" } });
      const other = await second.sync.runNow();
      // On Redis the firm's lock is shared (skipped_elsewhere); with each instance's own in-process store, the
      // database's one running run per firm decides (busy).
      expect(other.find((r) => r.firmId === firm.id)?.outcome.kind).toBe(process.env.TEST_REDIS_URL ? "skipped_elsewhere" : "busy");
      expect(await gw.db.syncRun.count({ where: { firmId: firm.id } })).toBe(1);
      release();
      expect((await first).find((r) => r.firmId === firm.id)?.outcome).toMatchObject({ kind: "finished", status: "succeeded" });
      // The request waited: the next pass of either instance runs it, after the first run.
      const later = await second.sync.runNow();
      expect(later.find((r) => r.firmId === firm.id)?.outcome).toMatchObject({ kind: "finished", status: "succeeded" });
      const runs = await gw.db.syncRun.findMany({ where: { firmId: firm.id }, orderBy: { startedAt: "asc" } });
      expect(runs.map((r) => r.trigger)).toEqual(["schedule", "staff"]);
      expect(runs[1]?.startedAt.getTime()).toBeGreaterThanOrEqual(runs[0]?.finishedAt?.getTime() ?? Infinity);
    } finally {
      release();
      await second.close();
    }
  });
});

describe("a PSA webhook", () => {
  test("asks for a small incremental run, which turns off the account of a contact the PSA just archived", async () => {
    const firm = await connectPsa(gw.db, await createFirm(gw.db, { settings: { sync: { massDisablePercent: 100 } } }), "connectwise", connectwiseSettings, SECRETS_KEY);
    psa.contacts.push({ id: 77, first: "Kim", last: "Archer", emails: ["kim@acme.com"], companyId: 250 });
    const account = await createPortalAccount(gw.db, firm, { email: "kim@acme.com" });
    await gw.sync.runNow();
    await setWebhookSecret(gw.db, firm, "hook-secret");
    Object.assign(psa.contacts.find((c) => c.id === 77) ?? {}, { inactive: true, updatedAt: new Date().toISOString() });
    const delivered = await request(gw.app)
      .post(`/webhooks/psa/${firm.id}/hook-secret`)
      .send({ Action: "updated", Type: "contact", ID: 77, CompanyId: "northwind", Entity: JSON.stringify({ id: 77, inactiveFlag: true, company: { id: 250 } }) });
    expect(delivered.status).toBe(202);
    expect(await gw.db.syncRequest.findUnique({ where: { firmId: firm.id } })).toMatchObject({ trigger: "webhook", mode: "incremental" });
    await eventually(async () => (await gw.db.syncRun.findFirst({ where: { firmId: firm.id, trigger: "webhook", status: "succeeded" } })) ?? (await gw.sync.runNow(), null));
    expect(await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ status: "disabled", statusReason: "psa_archived" });
  });
});
