import type { Firm, PortalAccount } from "../../../src/generated/prisma/client";
import { startGatewayWithFakePsa } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { connectPsa, createFirm, createPortalAccount, TEST_PASSWORD, updateClient } from "../../helpers/seed";
import { connectwiseSettings } from "../../helpers/fake-connectwise";
import type { FakeContact, FakePsa } from "../../helpers/fake-connectwise";
import { syncNow } from "../../helpers/sync";
import { signIn } from "../../helpers/forms";

// Accounts follow the PSA: an archived contact or company turns the account off with the evidence, the PSA's
// restore turns it back on, and what staff turned off stays off.
const SECRETS_KEY = Buffer.alloc(32, 14).toString("base64");
let gw: TestGateway, psa: FakePsa;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ gw, psa, close } = await startGatewayWithFakePsa({ CONNECTOR_SECRETS_KEY: SECRETS_KEY }));
});
afterAll(() => close());

let nextId = 5000;
interface World {
  firm: Firm;
  company: number;
  contacts: FakeContact[];
  accounts: PortalAccount[];
}

/** A firm whose PSA company has `size` contacts with portal accounts (the guard allows every disable), synced once. */
async function world(size = 3): Promise<World> {
  const company = nextId++;
  psa.companies.push({ id: company, name: `Acme ${company}` });
  const contacts = Array.from({ length: size }, () => {
    const id = nextId++;
    const contact: FakeContact = { id, first: "Client", last: String(id), emails: [`main${id}@acme.com`, `alt${id}@acme.com`], companyId: company };
    psa.contacts.push(contact);
    return contact;
  });
  const firm = await connectPsa(gw.db, await createFirm(gw.db, { settings: { sync: { massDisablePercent: 100 } } }), "connectwise", connectwiseSettings, SECRETS_KEY);
  // The first account signed up with the contact's second address: linked all the same.
  const accounts = await Promise.all(contacts.map((c, i) => createPortalAccount(gw.db, firm, { email: c.emails[i === 0 ? 1 : 0] })));
  expect(await syncNow(gw, firm)).toMatchObject({ status: "succeeded", counts: { linked: size, disabled: 0 } });
  return { firm, company, contacts, accounts };
}

const reload = (account: PortalAccount) => gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } });
const touch = (contact: FakeContact | undefined, change: Partial<FakeContact>) => contact && Object.assign(contact, change, { updatedAt: new Date().toISOString() });

describe("links", () => {
  test("every account is linked to its contact by any of the contact's emails", async () => {
    const { firm, contacts, accounts } = await world(2);
    const links = await gw.db.psaAccountLink.findMany({ where: { firmId: firm.id }, orderBy: { contactExternalId: "asc" } });
    expect(links.map((l) => [l.portalAccountId, l.contactExternalId])).toEqual(accounts.map((a, i) => [a.id, String(contacts[i]?.id)]));
  });
});

describe("the archive cascade", () => {
  test("an inactive contact turns its account off with reason psa_archived and the evidence; the PSA's restore turns it back on", async () => {
    const { firm, contacts, accounts } = await world();
    touch(contacts[0], { inactive: true });
    const run = await syncNow(gw, firm, "incremental");
    expect(run).toMatchObject({ kind: "finished", status: "succeeded", counts: { disabled: 1 } });
    const off = await reload(accounts[0] as PortalAccount);
    expect(off).toMatchObject({ status: "disabled", statusReason: "psa_archived", statusChangedBy: "psa-sync" });
    expect(off.statusEvidence).toEqual({ reason: "contact_inactive", contactExternalId: String(contacts[0]?.id), runId: run.kind === "finished" ? run.runId : "", connectorKind: "connectwise" });
    expect((await reload(accounts[1] as PortalAccount)).status).toBe("active");

    touch(contacts[0], { inactive: false });
    expect(await syncNow(gw, firm, "incremental")).toMatchObject({ counts: { restored: 1 } });
    expect(await reload(accounts[0] as PortalAccount)).toMatchObject({ status: "active", statusReason: null, statusEvidence: null });
  });

  test("a client signed in when the PSA archives their contact is signed out on their next page after the run", async () => {
    // On Redis (test:services) the session's account is cached under its session version: this fails if the sync's
    // change skips the accounts use-case that bumps it. On PostgreSQL sessions the join reads the row itself.
    const { firm, contacts, accounts } = await world();
    const client = gw.agent();
    const account = accounts[1] as PortalAccount;
    expect((await signIn(client, `/portal/${firm.slug}`, account.email, TEST_PASSWORD)).status).toBe(303);
    expect((await client.get(`/portal/${firm.slug}/`)).status).toBe(200);
    touch(contacts[1], { inactive: true });
    expect(await syncNow(gw, firm, "incremental")).toMatchObject({ counts: { disabled: 1 } });
    const next = await client.get(`/portal/${firm.slug}/`);
    expect(next.status).toBe(303);
    expect(next.headers.location).toBe(`/portal/${firm.slug}/login`);
  });

  test("an inactive company turns off every account in it; gone from a complete full run too, never from an incremental one", async () => {
    const { firm, company, contacts, accounts } = await world();
    const record = psa.companies.find((c) => c.id === company);
    if (record) Object.assign(record, { deleted: true, updatedAt: new Date().toISOString() });
    expect(await syncNow(gw, firm, "incremental")).toMatchObject({ counts: { disabled: 3 } });
    expect((await reload(accounts[2] as PortalAccount)).statusEvidence).toMatchObject({ reason: "company_inactive", companyExternalId: String(company) });
    if (record) Object.assign(record, { deleted: false, updatedAt: new Date().toISOString() });
    expect(await syncNow(gw, firm, "incremental")).toMatchObject({ counts: { restored: 3 } });

    // The contact leaves the PSA: an incremental run cannot know (deletions are not listed), a full run can.
    psa.contacts.splice(psa.contacts.indexOf(contacts[1] as FakeContact), 1);
    expect(await syncNow(gw, firm, "incremental")).toMatchObject({ counts: { disabled: 0 } });
    expect(await syncNow(gw, firm, "full")).toMatchObject({ counts: { removed: 1, disabled: 1 } });
    expect(await reload(accounts[1] as PortalAccount)).toMatchObject({ status: "disabled", statusEvidence: expect.objectContaining({ reason: "contact_gone" }) });
  });

  test("an account staff turned off is never turned back on by the sync, and staff's turning one back on stands", async () => {
    const { firm, contacts, accounts } = await world();
    const byStaff = await updateClient(gw, accounts[0] as PortalAccount, { status: "disabled" });
    await gw.db.portalAccount.update({ where: { id: byStaff.id }, data: { statusReason: "left the project", statusChangedBy: "staff:owner@firm.example" } });
    touch(contacts[1], { inactive: true });
    await syncNow(gw, firm, "incremental");
    expect((await reload(accounts[1] as PortalAccount)).status).toBe("disabled");
    touch(contacts[1], {});
    await syncNow(gw, firm, "incremental");
    expect(await reload(accounts[0] as PortalAccount)).toMatchObject({ status: "disabled", statusReason: "left the project" });

    // Staff turn the archived client back on: the next runs leave it on while the PSA record does not change again.
    await gw.db.portalAccount.update({ where: { id: (accounts[1] as PortalAccount).id }, data: { status: "active", statusReason: null, statusChangedBy: "staff:owner@firm.example" } });
    expect(await syncNow(gw, firm, "full")).toMatchObject({ counts: { disabled: 0 } });
    expect((await reload(accounts[1] as PortalAccount)).status).toBe("active");
  });
});
