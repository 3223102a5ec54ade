import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm, createPortalAccount } from "../../helpers/seed";
import { csrfFrom } from "../../helpers/forms";
import { signedInStaff } from "../../helpers/staff";

let gw: TestGateway;
beforeAll(async () => ({ gw } = await startGatewayWithFirm()));
afterAll(() => gw.close());

async function psaKnows(firm: Firm, emails: string[]) {
  await gw.db.psaContactSnapshot.createMany({ data: emails.map((email, i) => ({ firmId: firm.id, connectorKind: "csv", externalId: `ct-${i}`, emails: [email], companyExternalIds: [], active: true, contentHash: "x" })) });
}

describe("bulk invite", () => {
  test("a CSV is previewed row by row (new, invited before, already active, off, PSA mismatch, invalid, duplicate) before anything is sent; then only the promised invites go out", async () => {
    const firm = await gw.db.firm.update({ where: { id: (await createFirm(gw.db)).id }, data: { connectorKind: "csv" } });
    await psaKnows(firm, ["new@acme.example", "again@acme.example", "jane@acme.example"]);
    await createPortalAccount(gw.db, firm, { email: "active@acme.example" });
    await createPortalAccount(gw.db, firm, { email: "off@acme.example", status: "disabled" });
    await createPortalAccount(gw.db, firm, { email: "again@acme.example", status: "invited", withPassword: false });
    const csv = ["Name,Email", "New,New@Acme.example", "Again,again@acme.example", "Active,active@acme.example", "Off,off@acme.example", "Jane,jane.doe@acme.example", "Typo,not-an-email", "Twice,new@acme.example"].join("\n");

    const support = await signedInStaff(gw, firm, "support");
    const base = `/portal/${firm.slug}/admin/clients/bulk`;
    const form = await support.get(base);
    expect(form.status).toBe(200);
    const preview = await support.post(base).type("form").send({ _csrf: csrfFrom(form.text), list: csv, step: "preview" });
    expect(preview.status).toBe(200);
    expect(preview.text).toContain("Nothing is sent yet. 2 invites would go out.");
    for (const words of ["New: gets an invite", "Invited before, not claimed", "Already has access", "Access turned off", "Not in the PSA&#39;s last snapshot", "The PSA has jane@acme.example", "Not an email address", "Already listed above"]) expect(preview.text).toContain(words);
    expect(await gw.db.portalAccount.count({ where: { firmId: firm.id } })).toBe(3);
    expect(await gw.db.outboxEmail.count({ where: { firmId: firm.id } })).toBe(0);

    const sent = await support.post(base).type("form").send({ _csrf: csrfFrom(preview.text), list: csv, step: "send" });
    expect(sent.text).toContain("2 invites sent");
    const invited = await gw.db.portalAccount.findMany({ where: { firmId: firm.id, status: "invited" }, orderBy: { email: "asc" } });
    expect(invited.map((a) => a.email)).toEqual(["again@acme.example", "new@acme.example"]);
    expect((await gw.db.outboxEmail.findMany({ where: { firmId: firm.id } })).map((e) => e.toAddress).sort()).toEqual(["again@acme.example", "new@acme.example"]);
    expect(await gw.db.staffAction.count({ where: { firmId: firm.id, action: "client_invited" } })).toBe(2);

    // The mismatch goes out only when asked.
    const withMismatch = await support.post(base).type("form").send({ _csrf: csrfFrom(sent.text), list: "jane.doe@acme.example", step: "send", mismatches: "yes" });
    expect(withMismatch.text).toContain("1 invite sent");
  });

  test("a pasted list, any separators; another firm's staff cannot use this firm's page", async () => {
    const firm = await createFirm(gw.db);
    const admin = await signedInStaff(gw, firm, "admin");
    const base = `/portal/${firm.slug}/admin/clients/bulk`;
    const form = await admin.get(base);
    const preview = await admin.post(base).type("form").send({ _csrf: csrfFrom(form.text), list: "a@one.example, b@one.example\nc@one.example;d@one.example", step: "preview" });
    expect(preview.text).toContain("4 invites would go out");
    expect((await admin.post(base).type("form").send({ _csrf: csrfFrom(form.text), list: { odd: 1 }, step: ["x"] })).status).toBeLessThan(500);

    const other = await createFirm(gw.db);
    const outsider = await signedInStaff(gw, other, "owner");
    const attempt = await outsider.post(base).type("form").send({ _csrf: csrfFrom((await outsider.get(`/portal/${other.slug}/admin/clients/bulk`)).text), list: "x@evil.example", step: "send" });
    expect(attempt.status).toBe(303);
    expect(await gw.db.portalAccount.count({ where: { firmId: firm.id } })).toBe(0);
  });
});
