import type { Firm, PortalAccount } from "../../../src/generated/prisma/client";
import { startGatewayWithFakePsa } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { connectPsa, createFirm, createPortalAccount, createStaffAccount } from "../../helpers/seed";
import { connectwiseSettings } from "../../helpers/fake-connectwise";
import type { FakePsa } from "../../helpers/fake-connectwise";
import { csrfFrom, signIn } from "../../helpers/forms";
import { signedInStaff } from "../../helpers/staff";
import { syncNow } from "../../helpers/sync";
import { requestSyncRun } from "../../../src/psa/use-cases/request-sync-run";
import type { Db } from "../../../src/platform/db/prisma";

// The console's Sync page: support staff look, owners and admins act; a run the mass-disable guard held is applied
// or discarded here; firm B sees and touches nothing of firm A's.
const SECRETS_KEY = Buffer.alloc(32, 16).toString("base64");
let gw: TestGateway, psa: FakePsa;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ gw, psa, close } = await startGatewayWithFakePsa({ CONNECTOR_SECRETS_KEY: SECRETS_KEY }));
});
afterAll(() => close());

let nextId = 100;
/** A firm with `size` clients in one PSA company, synced once. */
async function firmWithClients(size: number): Promise<{ firm: Firm; company: number; accounts: PortalAccount[] }> {
  const company = nextId++;
  psa.companies.push({ id: company, name: `Company ${company}` });
  const firm = await connectPsa(gw.db, await createFirm(gw.db), "connectwise", connectwiseSettings, SECRETS_KEY);
  const accounts: PortalAccount[] = [];
  for (let i = 0; i < size; i++) {
    const id = nextId++;
    psa.contacts.push({ id, first: "Client", last: String(id), emails: [`c${id}@co${company}.com`], companyId: company });
    accounts.push(await createPortalAccount(gw.db, firm, { email: `c${id}@co${company}.com` }));
  }
  expect(await syncNow(gw, firm)).toMatchObject({ status: "succeeded", counts: { linked: size } });
  return { firm, company, accounts };
}

/** The PSA archives the whole company: every account in it would be turned off. */
function archiveCompany(company: number) {
  const record = psa.companies.find((c) => c.id === company);
  if (record) Object.assign(record, { deleted: true, updatedAt: new Date().toISOString() });
}

const statuses = async (accounts: PortalAccount[]) => (await gw.db.portalAccount.findMany({ where: { id: { in: accounts.map((a) => a.id) } } })).map((a) => a.status);

describe("who sees the Sync page and who acts", () => {
  test("signed-out visitors and clients are sent to staff sign-in; support staff look but cannot run or decide", async () => {
    const { firm, accounts } = await firmWithClients(1);
    expect((await gw.agent().get(`/portal/${firm.slug}/admin/sync`)).headers.location).toBe(`/portal/${firm.slug}/admin/login`);
    const client = gw.agent();
    await signIn(client, `/portal/${firm.slug}`, (accounts[0] as PortalAccount).email, "correct horse battery staple");
    expect((await client.get(`/portal/${firm.slug}/admin/sync`)).headers.location).toBe(`/portal/${firm.slug}/admin/login`);

    const support = await signedInStaff(gw, firm, "support");
    const page = await support.get(`/portal/${firm.slug}/admin/sync`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Last runs");
    expect(page.text).not.toContain(`action="/portal/${firm.slug}/admin/sync/run"`);
    const refused = await support.post(`/portal/${firm.slug}/admin/sync/run`).type("form").send({ _csrf: csrfFrom(page.text), mode: "full" });
    expect(refused.status).toBe(403);
    expect(await gw.db.syncRequest.count({ where: { firmId: firm.id } })).toBe(0);
  });

  test("an admin's Run now is a request any instance picks up; the run records who asked; a form without its token is refused", async () => {
    const { firm } = await firmWithClients(1);
    const admin = await signedInStaff(gw, firm, "admin");
    const page = await admin.get(`/portal/${firm.slug}/admin/sync`);
    expect((await admin.post(`/portal/${firm.slug}/admin/sync/run`).type("form").send({ mode: "full" })).status).toBe(403);
    const asked = await admin.post(`/portal/${firm.slug}/admin/sync/run`).type("form").send({ _csrf: csrfFrom(page.text), mode: "full" });
    expect(asked.status).toBe(200);
    expect(asked.text).toContain("A full reconciliation starts within a minute");
    await gw.sync.runNow();
    const run = await gw.db.syncRun.findFirstOrThrow({ where: { firmId: firm.id, trigger: "staff" } });
    expect(run).toMatchObject({ mode: "full", status: "succeeded", requestedBy: expect.stringMatching(/^admin-/) });
    expect(await gw.db.syncRequest.count({ where: { firmId: firm.id } })).toBe(0);
  });
});

describe("a Run now racing the sync job", () => {
  test("the job takes the pending request while an admin asks for a full run: the admin's request still stands", async () => {
    const { firm } = await firmWithClients(1);
    const admin = await createStaffAccount(gw.db, firm, { role: "admin", passwordHash: null });
    await gw.db.syncRequest.create({ data: { firmId: firm.id, mode: "incremental", trigger: "schedule", requestedBy: null } });
    // A job on another instance deletes the pending row just as this request goes to freshen it.
    let taken = 0;
    const racingDb = new Proxy(gw.db, {
      get(target, key) {
        if (key !== "syncRequest") return Reflect.get(target, key);
        return new Proxy(target.syncRequest, {
          get(model, method) {
            if (method !== "updateMany") return Reflect.get(model, method);
            return async (args: Parameters<typeof model.updateMany>[0]) => {
              if (taken++ === 0) await gw.db.syncRequest.deleteMany({ where: { firmId: firm.id } });
              return model.updateMany(args);
            };
          },
        });
      },
    }) as Db;
    const asked = await requestSyncRun({ db: racingDb, kick: () => {} }, { firm, mode: "full", trigger: "staff", staff: admin });
    expect(asked.ok).toBe(true);
    expect(taken).toBe(1);
    expect(await gw.db.syncRequest.findUniqueOrThrow({ where: { firmId: firm.id } })).toMatchObject({ mode: "full", trigger: "staff" });
  });
});

describe("the mass-disable guard", () => {
  test("a run that would turn off more than 10 % is held with the list; an admin applies it once, with the evidence", async () => {
    const { firm, company, accounts } = await firmWithClients(12);
    archiveCompany(company);
    const held = await syncNow(gw, firm, "incremental");
    expect(held).toMatchObject({ kind: "finished", status: "held_for_review", counts: { held: 12, disabled: 0 } });
    expect(new Set(await statuses(accounts))).toEqual(new Set(["active"]));

    const admin = await signedInStaff(gw, firm, "owner");
    const page = await admin.get(`/portal/${firm.slug}/admin/sync`);
    expect(page.text).toContain("would turn off 12 accounts");
    expect(page.text).toContain((accounts[0] as PortalAccount).email);
    expect(page.text).toContain(`company ${company} is inactive`);
    const runId = held.kind === "finished" ? (held.runId ?? "") : "";
    const unconfirmed = await admin.post(`/portal/${firm.slug}/admin/sync/runs/${runId}/apply`).type("form").send({ _csrf: csrfFrom(page.text) });
    expect(unconfirmed.status).toBe(400);
    const applied = await admin.post(`/portal/${firm.slug}/admin/sync/runs/${runId}/apply`).type("form").send({ _csrf: csrfFrom(page.text), confirm: "yes" });
    expect(applied.status).toBe(200);
    expect(applied.text).toContain("Applied: 12 accounts turned off");
    expect(new Set(await statuses(accounts))).toEqual(new Set(["disabled"]));
    const one = await gw.db.portalAccount.findUniqueOrThrow({ where: { id: (accounts[0] as PortalAccount).id } });
    expect(one).toMatchObject({ statusReason: "psa_archived", statusChangedBy: "psa-sync", statusEvidence: expect.objectContaining({ reason: "company_inactive", runId, approvedBy: expect.stringMatching(/^staff:owner-/) }) });
    const again = await admin.post(`/portal/${firm.slug}/admin/sync/runs/${runId}/discard`).type("form").send({ _csrf: csrfFrom(page.text), confirm: "yes" });
    expect(again.status).toBe(409);
  });

  test("a discarded held run turns off nobody, and later runs do not hold the same records again", async () => {
    const { firm, company, accounts } = await firmWithClients(12);
    archiveCompany(company);
    const held = await syncNow(gw, firm, "incremental");
    const runId = held.kind === "finished" ? (held.runId ?? "") : "";
    const admin = await signedInStaff(gw, firm, "admin");
    const page = await admin.get(`/portal/${firm.slug}/admin/sync`);
    const discarded = await admin.post(`/portal/${firm.slug}/admin/sync/runs/${runId}/discard`).type("form").send({ _csrf: csrfFrom(page.text), confirm: "yes" });
    expect(discarded.status).toBe(200);
    expect(discarded.text).toContain("Discarded: nobody on the list was turned off.");
    expect(await gw.db.syncRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ reviewStatus: "discarded", reviewedBy: expect.stringMatching(/^staff:admin-/) });
    expect(await syncNow(gw, firm, "full")).toMatchObject({ status: "succeeded", counts: { held: 0, disabled: 0 } });
    expect(new Set(await statuses(accounts))).toEqual(new Set(["active"]));
  });

  test("firm B's admin cannot see or decide firm A's held run", async () => {
    const a = await firmWithClients(12);
    archiveCompany(a.company);
    const held = await syncNow(gw, a.firm, "incremental");
    const runId = held.kind === "finished" ? (held.runId ?? "") : "";
    const b = await firmWithClients(1);
    const adminB = await signedInStaff(gw, b.firm, "admin");
    const pageB = await adminB.get(`/portal/${b.firm.slug}/admin/sync`);
    expect(pageB.text).not.toContain((a.accounts[0] as PortalAccount).email);
    expect(pageB.text).not.toContain(runId);
    const refused = await adminB.post(`/portal/${b.firm.slug}/admin/sync/runs/${runId}/apply`).type("form").send({ _csrf: csrfFrom(pageB.text), confirm: "yes" });
    expect(refused.status).toBe(404);
    const crossed = await adminB.post(`/portal/${a.firm.slug}/admin/sync/runs/${runId}/apply`).type("form").send({ _csrf: csrfFrom(pageB.text), confirm: "yes" });
    expect(crossed.status).not.toBe(200);
    expect(new Set(await statuses(a.accounts))).toEqual(new Set(["active"]));
    expect(await gw.db.syncRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ reviewStatus: "pending" });
  });
});

describe("the client page", () => {
  test("shows the account's PSA contact and the company it gives", async () => {
    const { firm, company, accounts } = await firmWithClients(1);
    const account = accounts[0] as PortalAccount;
    const page = await (await signedInStaff(gw, firm, "support")).get(`/portal/${firm.slug}/admin/clients?email=${encodeURIComponent(account.email)}`);
    const contactId = account.email.slice(1, account.email.indexOf("@"));
    expect(page.text).toContain(`Contact ${contactId} Client ${contactId} (active)`);
    expect(page.text).toContain(`Company ${company} (company ${company}, active)`);
  });
});
