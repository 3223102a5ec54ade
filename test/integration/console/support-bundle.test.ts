import { startGatewayWithFakePsa } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { connectPsa, createFirm, createPortalAccount, setWebhookSecret, TEST_PASSWORD } from "../../helpers/seed";
import { signIn } from "../../helpers/forms";
import { cookieOf, issueLinkPath } from "../../helpers/links";
import { signedInStaff } from "../../helpers/staff";
import { connectwiseSettings } from "../../helpers/fake-connectwise";
import type { FakePsa } from "../../helpers/fake-connectwise";

const SECRETS_KEY = Buffer.alloc(32, 9).toString("base64");
let gw: TestGateway, psa: FakePsa;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ gw, psa, close } = await startGatewayWithFakePsa({ CONNECTOR_SECRETS_KEY: SECRETS_KEY }));
  psa.companies.push({ id: 310, name: "Bundle Co" });
  psa.contacts.push({ id: 31, first: "Bea", last: "Bundle", emails: ["bea@bundle.example"], companyId: 310 });
});
afterAll(() => close());

describe("the support bundle", () => {
  test("one JSON download with the firm, the address, the account, the PSA's answer, the template, attempts, links and emails, and no secret", async () => {
    const secrets = { privateKey: "priv-Zq81-secret-key", publicKey: "pub-Kx55-public-key", webhook: "whsec-Lm29-webhook-secret", wrongPassword: "wrong-Pw-4471-typed" };
    const firm = await connectPsa(gw.db, await createFirm(gw.db, { name: "Bundle Firm" }), "connectwise", { ...connectwiseSettings, privateKey: secrets.privateKey, publicKey: secrets.publicKey }, SECRETS_KEY);
    await setWebhookSecret(gw.db, firm, secrets.webhook);
    const account = await createPortalAccount(gw.db, firm, { email: "bea@bundle.example", dateOfBirth: "1980-02-03" });
    const base = `/portal/${firm.slug}`;
    await signIn(gw.agent(), base, account.email, secrets.wrongPassword);
    const client = gw.agent();
    const signedIn = await signIn(client, base, account.email, TEST_PASSWORD);
    const clientCookie = cookieOf(signedIn)?.split("=")[1] ?? "missing";
    const { token } = await issueLinkPath(gw, firm, account, "magic");
    const owner = await signedInStaff(gw, firm, "owner");

    const page = await owner.get(`${base}/admin/clients?email=${encodeURIComponent(account.email)}`);
    expect(page.text).toContain(`href="${base}/admin/clients/${account.id}/bundle"`);
    const res = await owner.get(`${base}/admin/clients/${account.id}/bundle`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="?support-bundle-bea@bundle\.example-/);
    const text = res.text;
    const bundle = JSON.parse(text) as Record<string, unknown>;
    expect(bundle).toMatchObject({
      firm: { name: "Bundle Firm", slug: firm.slug, psa: "connectwise" },
      address: "bea@bundle.example",
      account: { status: "active", hasPassword: true, emailConfirmed: true, identityCheckAnswerOnFile: true },
      psa: { kind: "works", companies: ["Bundle Co"] },
      template: { name: "owner", from: "firm", company: "Bundle Co" },
      links: [{ kind: "magic", state: "open" }],
    });
    expect((bundle.signInAttempts as Array<{ reason: string }>).map((a) => a.reason)).toEqual(["success", "fail_password"]);

    const stored = await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } });
    const link = await gw.db.accessLink.findFirstOrThrow({ where: { portalAccountId: account.id } });
    const firmRow = await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } });
    const csv = await owner.get(`${base}/admin/trail.csv`);
    expect(csv.text).toContain("fail_password");
    const used = [...Object.values(secrets), TEST_PASSWORD, token, clientCookie, stored.passwordHash ?? "none", link.tokenHash, firmRow.connectorSecrets ?? "none", firmRow.webhookSecretHash ?? "none", "1980-02-03"];
    for (const secret of used) {
      expect(text).not.toContain(secret);
      expect(csv.text).not.toContain(secret);
    }
  });

  test("another firm's staff cannot download it; a bad or foreign id is a 404", async () => {
    const firmA = await createFirm(gw.db);
    const firmB = await createFirm(gw.db);
    const account = await createPortalAccount(gw.db, firmA);
    const ownerB = await signedInStaff(gw, firmB, "owner");
    expect((await ownerB.get(`/portal/${firmA.slug}/admin/clients/${account.id}/bundle`)).status).toBe(303);
    const foreign = await ownerB.get(`/portal/${firmB.slug}/admin/clients/${account.id}/bundle`);
    expect(foreign.status).toBe(404);
    expect(foreign.text).not.toContain(account.email);
    expect((await ownerB.get(`/portal/${firmB.slug}/admin/clients/not-a-uuid/bundle`)).status).toBe(404);
  });
});
