import type { Firm, PortalAccount } from "../../../src/generated/prisma/client";
import { startGatewayWithFakePsa } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { connectPsa, createFirm, createPortalAccount } from "../../helpers/seed";
import { connectwiseSettings } from "../../helpers/fake-connectwise";
import type { FakeContact, FakePsa } from "../../helpers/fake-connectwise";
import { csrfFrom } from "../../helpers/forms";
import { signedInStaff } from "../../helpers/staff";
import { syncNow } from "../../helpers/sync";

// After a sync run, before anyone signs in: each account whose email matches no PSA contact is flagged with the
// contact it most likely means and the fix; a later run that finds the match closes the flag.
const SECRETS_KEY = Buffer.alloc(32, 15).toString("base64");
let gw: TestGateway, psa: FakePsa;
let close: () => Promise<void>;
let firm: Firm;
const accounts: Record<string, PortalAccount> = {};

const people: FakeContact[] = [
  { id: 1, first: "Pat", last: "Lee", emails: ["pat @deltadental-mm.com"], companyId: 10 },
  { id: 2, first: "Jane", last: "Doe", emails: ["jane@acme-mm.com"], companyId: 11 },
  { id: 3, first: "Mia", last: "Wong", emails: ["miawong@gmail.com"], companyId: 11 },
  { id: 4, first: "Omar", last: "Haddad", emails: ["omar@acme-mm.com"], companyId: 11 },
  { id: 5, first: "Carl", last: "Berg", emails: ["carl@beacon-mm.com"], companyId: 12 },
  { id: 6, first: "Dana", last: "Ruiz", emails: ["dana@cobalt-mm.com"], companyId: 12 },
  { id: 7, first: "Dana", last: "Ruiz", emails: ["dana@cobalt-mm.com"], companyId: 13 },
];
const invited: Record<string, string> = {
  case_whitespace: "pat@deltadental-mm.com",
  plus_alias: "jane+portal@acme-mm.com",
  provider_dots: "mia.wong@gmail.com",
  typo_domain: "omar@acme-mm.cmo",
  same_person: "carl.berg@beacon-mm.com",
  ambiguous: "dana@cobalt-mm.com",
  no_match: "zoe@nowhere-mm.com",
};

beforeAll(async () => {
  ({ gw, psa, close } = await startGatewayWithFakePsa({ CONNECTOR_SECRETS_KEY: SECRETS_KEY }));
  psa.companies.push({ id: 10, name: "Delta Dental" }, { id: 11, name: "Acme Corp" }, { id: 12, name: "Beacon Builders" }, { id: 13, name: "Cobalt Civil" });
  psa.contacts.push(...people.map((p) => ({ ...p, emails: [...p.emails] })));
  firm = await connectPsa(gw.db, await createFirm(gw.db), "connectwise", connectwiseSettings, SECRETS_KEY);
  for (const [kind, email] of Object.entries(invited)) accounts[kind] = await createPortalAccount(gw.db, firm, { email, status: "invited", withPassword: false, confirmed: false });
  expect(await syncNow(gw, firm)).toMatchObject({ status: "succeeded", counts: { linked: 1, mismatches: 7 } });
});
afterAll(() => close());

const mismatchOf = (kind: string) => gw.db.emailMismatch.findUniqueOrThrow({ where: { firmId_portalAccountId: { firmId: firm.id, portalAccountId: (accounts[kind] as PortalAccount).id } } });
const touch = (id: number, change: Partial<FakeContact>) => Object.assign(psa.contacts.find((c) => c.id === id) ?? {}, change, { updatedAt: new Date().toISOString() });

describe("mismatches found before any sign-in", () => {
  test.each([
    ["case_whitespace", "pat @deltadental-mm.com", "1"],
    ["plus_alias", "jane@acme-mm.com", "2"],
    ["provider_dots", "miawong@gmail.com", "3"],
    ["typo_domain", "omar@acme-mm.com", "4"],
    ["same_person", "carl@beacon-mm.com", "5"],
  ])("%s: the flag names the PSA's address %s and its contact", async (kind, psaEmail, contactId) => {
    expect(await mismatchOf(kind)).toMatchObject({ status: "open", kind, suggestedEmail: psaEmail, suggestedContactId: contactId });
  });

  test("an address with no lead is flagged too; the email on two contacts in two companies is ambiguous scoping", async () => {
    expect(await mismatchOf("no_match")).toMatchObject({ status: "open", kind: "no_match", suggestedEmail: null });
    const ambiguous = await gw.db.accessFlag.findFirstOrThrow({ where: { portalAccountId: accounts.ambiguous?.id, kind: "ambiguous_scoping" } });
    expect(ambiguous.status).toBe("open");
    expect(JSON.stringify(ambiguous.evidence)).toContain("Cobalt Civil");
    expect(await gw.db.signInEvent.count({ where: { firmId: firm.id } })).toBe(0);
  });

  test("the Sync page shows each flag with its fixes: the PSA's address to invite, or the exact PSA field to edit", async () => {
    const page = await (await signedInStaff(gw, firm, "admin")).get(`/portal/${firm.slug}/admin/sync`);
    expect(page.status).toBe(200);
    const text = page.text.replace(/&#39;/g, "'").replace(/&gt;/g, ">");
    expect(text).toContain("Invite jane@acme-mm.com (the PSA's address) instead");
    expect(text).toContain("add jane+portal@acme-mm.com to the contact's communication items (an Email entry under Contact > Communication) of Jane Doe (contact 2)");
    expect(text).toContain("Gmail ignores dots");
    expect(text).toContain("omar@acme-mm.cmo looks like a typo of omar@acme-mm.com");
    expect(text).toContain("Correct it to pat@deltadental-mm.com");
    expect(text).toContain("dana@cobalt-mm.com is on 2 contacts");
  });
});

describe("flags close by themselves when a later run finds the match", () => {
  test("the PSA gets the account's address, or the stray space goes: the next run links the account and closes its flag", async () => {
    touch(2, { emails: ["jane@acme-mm.com", "jane+portal@acme-mm.com"] });
    touch(1, { emails: ["pat@deltadental-mm.com"] });
    touch(7, { emails: ["dana.ruiz@cobalt-mm.com"] });
    const run = await syncNow(gw, firm, "incremental");
    expect(run).toMatchObject({ status: "succeeded", counts: { linked: 2 } });
    expect(await mismatchOf("plus_alias")).toMatchObject({ status: "resolved" });
    expect(await mismatchOf("case_whitespace")).toMatchObject({ status: "resolved" });
    expect(await gw.db.accessFlag.findFirstOrThrow({ where: { portalAccountId: accounts.ambiguous?.id, kind: "ambiguous_scoping" } })).toMatchObject({ status: "resolved" });
    expect(await mismatchOf("same_person")).toMatchObject({ status: "open" });
  });

  test("a flag an admin dismissed with a reason stays dismissed on later runs; support staff cannot dismiss", async () => {
    const flag = await mismatchOf("no_match");
    const support = await signedInStaff(gw, firm, "support");
    const supportPage = await support.get(`/portal/${firm.slug}/admin/sync`);
    expect(supportPage.text).not.toContain(`/admin/sync/mismatches/${flag.id}/dismiss`);
    const refused = await support.post(`/portal/${firm.slug}/admin/sync/mismatches/${flag.id}/dismiss`).type("form").send({ _csrf: csrfFrom(supportPage.text), reason: "not a client" });
    expect(refused.status).toBe(403);

    const admin = await signedInStaff(gw, firm, "admin");
    const page = await admin.get(`/portal/${firm.slug}/admin/sync`);
    const noReason = await admin.post(`/portal/${firm.slug}/admin/sync/mismatches/${flag.id}/dismiss`).type("form").send({ _csrf: csrfFrom(page.text), reason: " " });
    expect(noReason.status).toBe(400);
    const dismissed = await admin.post(`/portal/${firm.slug}/admin/sync/mismatches/${flag.id}/dismiss`).type("form").send({ _csrf: csrfFrom(page.text), reason: "a test account" });
    expect(dismissed.status).toBe(200);
    expect(dismissed.text).toContain("Dismissed the flag on zoe@nowhere-mm.com");
    await syncNow(gw, firm, "incremental");
    expect(await mismatchOf("no_match")).toMatchObject({ status: "dismissed", dismissedReason: "a test account", dismissedBy: expect.stringMatching(/^staff:admin-/) });
  });
});
