import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFakePsa, startTestGateway } from "../../helpers/test-gateway";
import { eventually } from "../../helpers/links";
import type { ShareableTestGateway } from "../../helpers/test-gateway";
import { connectPsa, createFirm } from "../../helpers/seed";
import { connectwiseSettings } from "../../helpers/fake-connectwise";
import type { FakePsa } from "../../helpers/fake-connectwise";
import { syncNow } from "../../helpers/sync";

// The sync's listings against a ConnectWise-shaped PSA that pages 2 records at a time (SYNC_PAGE_SIZE=2).
const SECRETS_KEY = Buffer.alloc(32, 12).toString("base64");
let gw: ShareableTestGateway, psa: FakePsa;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ gw, psa, close } = await startGatewayWithFakePsa({ CONNECTOR_SECRETS_KEY: SECRETS_KEY, SYNC_PAGE_SIZE: "2", SYNC_OVERLAP_MINUTES: "10" }));
});
afterAll(() => close());
beforeEach(() => {
  psa.contacts.length = 0;
  psa.companies.length = 0;
  psa.projects.length = 0;
  psa.pages.length = 0;
  psa.asked.length = 0;
  psa.faults.length = 0;
});

async function connectedFirm(): Promise<Firm> {
  return connectPsa(gw.db, await createFirm(gw.db), "connectwise", connectwiseSettings, SECRETS_KEY);
}

function seedPsa(contacts: number) {
  psa.companies.push({ id: 250, name: "Acme Corp" }, { id: 251, name: "Beacon Builders" });
  for (let i = 1; i <= contacts; i++) psa.contacts.push({ id: i, first: `Person`, last: `${i}`, emails: [`person${i}@acme.com`], companyId: i % 2 ? 250 : 251 });
  psa.projects.push({ id: 9001, companyId: 250, name: "Acme HQ Renovation", budget: 250000 });
}

const liveContacts = (firm: Firm) => gw.db.psaContactSnapshot.count({ where: { firmId: firm.id, archivedAt: null } });

describe("a sync run's listings", () => {
  test("a full run writes every record page by page; a repeat run with no changes counts everything unchanged", async () => {
    seedPsa(5);
    const firm = await connectedFirm();
    const first = await syncNow(gw, firm);
    expect(first).toMatchObject({ kind: "finished", status: "succeeded", counts: { added: 2 + 5 + 1, updated: 0, unchanged: 0, pages: 1 + 3 + 1 } });
    expect(await liveContacts(firm)).toBe(5);
    const repeat = await syncNow(gw, firm);
    expect(repeat).toMatchObject({ kind: "finished", status: "succeeded", counts: { added: 0, updated: 0, unchanged: 8, removed: 0 } });
    const runs = await gw.db.syncRun.findMany({ where: { firmId: firm.id }, orderBy: { startedAt: "asc" } });
    expect(runs.map((run) => [run.mode, run.trigger, run.status])).toEqual([
      ["full", "cli", "succeeded"],
      ["full", "cli", "succeeded"],
    ]);
  });
});

describe("incremental runs", () => {
  test("ask for what changed since the newest change seen, less the overlap window, and keep a full run's records", async () => {
    seedPsa(3);
    psa.contacts.forEach((c) => (c.updatedAt = "2026-11-20T08:00:00Z"));
    const firm = await connectedFirm();
    expect(await syncNow(gw, firm)).toMatchObject({ status: "succeeded" });
    psa.pages.length = 0;
    psa.contacts.push({ id: 4, first: "New", last: "Client", emails: ["new@acme.com"], companyId: 250, updatedAt: "2026-11-20T09:30:00Z" });
    const changed = psa.contacts[0];
    if (changed) Object.assign(changed, { last: "Renamed", updatedAt: "2026-11-20T09:00:00Z" });
    const run = await syncNow(gw, firm, "incremental");
    expect(run).toMatchObject({ kind: "finished", status: "succeeded", counts: { added: 1, updated: 1, removed: 0 } });
    // The newest change the full run saw was 08:00 (contacts) and 10:00 (companies, projects): 10 minutes earlier.
    expect(psa.pages).toEqual(expect.arrayContaining(["contacts:1>2026-11-20T07:50:00Z", "companies:1>2026-11-01T09:50:00Z"]));
    expect(await liveContacts(firm)).toBe(4);
    const latest = await gw.db.syncRun.findFirstOrThrow({ where: { firmId: firm.id }, orderBy: { startedAt: "desc" } });
    expect(latest.mode).toBe("incremental");
  });

  test("a firm with no complete run yet gets a full run", async () => {
    seedPsa(1);
    const firm = await connectedFirm();
    await syncNow(gw, firm, "incremental");
    expect((await gw.db.syncRun.findFirstOrThrow({ where: { firmId: firm.id } })).mode).toBe("full");
  });
});

describe("a run stopped mid-way", () => {
  test("a process killed after page 2 leaves its checkpoint; the next run, on another instance once the lock expired, resumes from page 3", async () => {
    seedPsa(6);
    const firm = await connectedFirm();
    let release = () => {};
    psa.holdPage = { listing: "contacts", page: 3, until: new Promise<void>((resolve) => (release = resolve)) };
    const killed = syncNow(gw, firm); // holds on page 3 forever, as a dead process would
    const stuck = await eventually(async () => {
      const run = await gw.db.syncRun.findFirst({ where: { firmId: firm.id, status: "running" } });
      return run && (run.counts as { pages?: number }).pages === 3 ? run : null; // companies 1 + contacts 2
    });
    await gw.store.delete(`job:psa-sync:${firm.id}`); // its lock expired (the store's TTL)
    const other = await startTestGateway({
      env: { CONNECTOR_SECRETS_KEY: SECRETS_KEY, SYNC_PAGE_SIZE: "2" },
      share: { database: gw.database, keyPrefix: gw.keyPrefix },
      now: () => Date.now() + 5 * 60_000, // its heartbeat is older than the lock's lifetime
    });
    try {
      psa.pages.length = 0;
      const resumed = await syncNow(other, firm);
      expect(resumed).toMatchObject({ kind: "finished", status: "succeeded", counts: { pages: 2 } });
      expect(psa.pages).toEqual(["contacts:3", "projects:1"]);
      const runs = await gw.db.syncRun.findMany({ where: { firmId: firm.id }, orderBy: { startedAt: "asc" } });
      expect(runs.map((run) => [run.status, run.errorCode])).toEqual([
        ["failed", "interrupted"],
        ["succeeded", null],
      ]);
      expect(runs[1]?.resumedFromId).toBe(stuck.id);
      expect(await liveContacts(firm)).toBe(6);

      release(); // the stopped run wakes up: its run is no longer its own, so it stops without a further change
      expect(await killed).toEqual({ kind: "lost", runId: stuck.id });
      expect(await gw.db.syncRun.findUniqueOrThrow({ where: { id: stuck.id } })).toMatchObject({ status: "failed", errorCode: "interrupted" });
    } finally {
      release();
      await other.close();
    }
  });
});

describe("the snapshot the page load falls back on", () => {
  test("the job syncs every connected firm and leaves unconnected ones alone; a failed run keeps the last snapshot", async () => {
    seedPsa(1);
    const firm = await connectedFirm();
    const unconnected = await createFirm(gw.db);
    const reports = await gw.sync.runNow();
    expect(reports.find((r) => r.firmId === firm.id)?.outcome).toMatchObject({ kind: "finished", status: "succeeded" });
    expect(reports.some((r) => r.firmId === unconnected.id)).toBe(false);
    psa.mode = "down";
    try {
      expect(await syncNow(gw, firm)).toMatchObject({ kind: "finished", status: "failed", errorCode: "psa_unavailable" });
    } finally {
      psa.mode = "up";
    }
    expect(await liveContacts(firm)).toBe(1);
  });

  // Issue 16: a PSA outage still shows the project sections, so the snapshot keeps what they need.
  test("keeps company domains, hours against budget and, for open projects, the page details (phases, manager contact)", async () => {
    psa.companies.push({ id: 250, name: "Acme Corp", website: "https://www.acme.com/" });
    psa.projects.push(
      { id: 9001, companyId: 250, name: "Acme HQ Renovation", budget: 250000, phases: [{ id: 1, name: "Design", start: "2026-01-05T00:00:00Z", end: "2026-06-26T00:00:00Z", state: "done" }] },
      { id: 9002, companyId: 250, name: "Acme Old Study", budget: 48000, closed: true },
    );
    const firm = await connectedFirm();
    expect(await syncNow(gw, firm)).toMatchObject({ status: "succeeded", counts: { details: 1 } });
    const scope = { firmId: firm.id, connectorKind: "connectwise" };
    expect((await gw.db.psaCompanySnapshot.findFirstOrThrow({ where: { ...scope, externalId: "250" } })).domains).toEqual(["acme.com"]);
    const open = await gw.db.psaProjectSnapshot.findFirstOrThrow({ where: { ...scope, externalId: "9001" } });
    expect(open).toMatchObject({ managerExternalId: "7", hoursBudget: 400, hoursUsed: 150 });
    expect(open.details).toEqual({
      phases: [{ externalId: "1", name: "Design", startDate: "2026-01-05T00:00:00.000Z", endDate: "2026-06-26T00:00:00.000Z", state: "done", milestone: false }],
      manager: { name: "Rachel Lee", email: "rachel.lee@northwind.example", phone: "+1 555 010 0142" },
    });
    // A closed project's page details are not read: a run costs the PSA calls for open projects only.
    expect((await gw.db.psaProjectSnapshot.findFirstOrThrow({ where: { ...scope, externalId: "9002" } })).details).toBeNull();
    expect(psa.asked).not.toContain("phases:9002");
  });

  test("two job passes asked for at once in one process make one", async () => {
    seedPsa(1);
    const firm = await connectedFirm();
    const [a, b] = await Promise.all([gw.sync.runNow(), gw.sync.runNow()]);
    expect(a).toBe(b);
    expect(await gw.db.syncRun.count({ where: { firmId: firm.id } })).toBe(1);
  });
});
