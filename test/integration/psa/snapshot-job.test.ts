import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFakePsa, startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { connectPsa, createFirm } from "../../helpers/seed";
import { eventually } from "../../helpers/links";
import { connectwiseSettings } from "../../helpers/fake-connectwise";
import type { FakePsa } from "../../helpers/fake-connectwise";

const SECRETS_KEY = Buffer.alloc(32, 8).toString("base64");
let gw: TestGateway, psa: FakePsa;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ gw, psa, close } = await startGatewayWithFakePsa({ CONNECTOR_SECRETS_KEY: SECRETS_KEY }));
  psa.companies.push({ id: 250, name: "Acme Corp", website: "https://www.acme.com/" });
  psa.projects.push(
    {
      id: 9001,
      companyId: 250,
      name: "Acme HQ Renovation",
      budget: 250000,
      phases: [{ id: 1, name: "Design", start: "2026-01-05T00:00:00Z", end: "2026-06-26T00:00:00Z", state: "done" }],
    },
    { id: 9002, companyId: 250, name: "Acme Old Study", budget: 48000, closed: true },
  );
  psa.contacts.push({ id: 1, first: "Jane", last: "Smith", emails: ["jane@acme.com"], companyId: 250 });
});
afterAll(() => close());

async function connectedFirm(): Promise<Firm> {
  const firm = await createFirm(gw.db);
  return connectPsa(gw.db, firm, "connectwise", connectwiseSettings, SECRETS_KEY);
}
const runsOf = (firm: Firm) => gw.db.syncRun.findMany({ where: { firmId: firm.id, job: "psa-snapshot" }, orderBy: { startedAt: "asc" } });

describe("the scheduled PSA snapshot", () => {
  test("a pass refreshes every connected firm and leaves unconnected ones alone; a failed pass keeps the last snapshot", async () => {
    const firm = await connectedFirm();
    const unconnected = await createFirm(gw.db);
    const reports = await gw.snapshots.runNow();
    expect(reports.find((r) => r.firmId === firm.id)).toMatchObject({ outcome: "refreshed" });
    expect(reports.some((r) => r.firmId === unconnected.id)).toBe(false);
    expect(await gw.db.psaContactSnapshot.count({ where: { firmId: firm.id, archivedAt: null } })).toBe(1);

    psa.mode = "down";
    try {
      const failed = await gw.snapshots.runNow();
      expect(failed.find((r) => r.firmId === firm.id)).toMatchObject({ outcome: "failed" });
    } finally {
      psa.mode = "up";
    }
    expect((await runsOf(firm)).map((run) => run.status)).toEqual(["succeeded", "failed"]);
    expect(await gw.db.psaContactSnapshot.count({ where: { firmId: firm.id, archivedAt: null } })).toBe(1);
  });

  // Issue 16: a PSA outage still shows the project sections, so the snapshot keeps what they need.
  test("keeps company domains, hours against budget and, for open projects, the page details (phases, manager contact)", async () => {
    const firm = await connectedFirm();
    await gw.snapshots.runNow();
    const scope = { firmId: firm.id, connectorKind: "connectwise" };
    expect((await gw.db.psaCompanySnapshot.findFirstOrThrow({ where: { ...scope, externalId: "250" } })).domains).toEqual(["acme.com"]);
    const open = await gw.db.psaProjectSnapshot.findFirstOrThrow({ where: { ...scope, externalId: "9001" } });
    expect(open).toMatchObject({ managerExternalId: "7", hoursBudget: 400, hoursUsed: 150 });
    expect(open.details).toEqual({
      phases: [{ externalId: "1", name: "Design", startDate: "2026-01-05T00:00:00.000Z", endDate: "2026-06-26T00:00:00.000Z", state: "done", milestone: false }],
      manager: { name: "Rachel Lee", email: "rachel.lee@northwind.example", phone: "+1 555 010 0142" },
    });
    // A closed project's page details are not read: the snapshot costs the PSA one call per open project only.
    expect((await gw.db.psaProjectSnapshot.findFirstOrThrow({ where: { ...scope, externalId: "9002" } })).details).toBeNull();
    expect(psa.asked).not.toContain("phases:9002");
  });

  test("two passes asked for at once in one process make one", async () => {
    const firm = await connectedFirm();
    const before = (await runsOf(firm)).length;
    const [a, b] = await Promise.all([gw.snapshots.runNow(), gw.snapshots.runNow()]);
    expect(a).toBe(b);
    expect((await runsOf(firm)).length).toBe(before + 1);
  });
});

const withRedis = process.env.TEST_REDIS_URL ? describe : describe.skip;
withRedis("the scheduled PSA snapshot across instances (Redis)", () => {
  test("two instances running a pass at the same time refresh each firm once", async () => {
    // Their own database, with one connected firm, so the two passes meet on exactly that firm.
    const first = await startTestGateway({ env: { CONNECTOR_SECRETS_KEY: SECRETS_KEY } });
    const second = await startTestGateway({ env: { CONNECTOR_SECRETS_KEY: SECRETS_KEY }, share: { database: first.database, keyPrefix: first.keyPrefix } });
    let release = () => {};
    psa.hold = new Promise<void>((resolve) => (release = resolve));
    try {
      const created = await createFirm(first.db);
      const firm = await connectPsa(first.db, created, "connectwise", connectwiseSettings, SECRETS_KEY);
      const asked = psa.calls.contacts;
      const one = first.snapshots.runNow();
      await eventually(async () => psa.calls.contacts > asked); // the first pass holds the firm's lock, mid-call
      const other = await second.snapshots.runNow(); // finds the lock taken and moves on
      expect(other).toEqual([{ firmId: firm.id, outcome: "skipped_elsewhere" }]);
      release();
      expect(await one).toEqual([expect.objectContaining({ firmId: firm.id, outcome: "refreshed" })]);
      expect(await first.db.syncRun.count({ where: { firmId: firm.id, job: "psa-snapshot" } })).toBe(1);
    } finally {
      release();
      psa.hold = null;
      await second.close();
      await first.close();
    }
  });
});
