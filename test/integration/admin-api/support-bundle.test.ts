import crypto from "node:crypto";
import request from "supertest";
import type { StaffRole } from "../../../src/generated/prisma/client";
import { hashApiToken } from "../../../src/api-tokens/api-token-secret";
import { startGatewayWithFakePsa } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { connectPsa, createFirm, createPortalAccount, setWebhookSecret, TEST_PASSWORD } from "../../helpers/seed";
import { signIn } from "../../helpers/forms";
import { cookieOf } from "../../helpers/links";
import { signedInStaff } from "../../helpers/staff";
import { connectwiseSettings } from "../../helpers/fake-connectwise";
import type { FakePsa } from "../../helpers/fake-connectwise";
import { API, apiToken, asToken, documentedShapeErrors, revokedToken } from "../../helpers/api";

// GET /clients/{accountId}/support-bundle: the bundle the console's client page downloads (one use-case), for every
// role, with no secret the test used in it (PSA keys, webhook secret, passwords, link, session and API tokens, the
// date of birth); another firm's token, a revoked one and a malformed id get nothing.
const SECRETS_KEY = Buffer.alloc(32, 7).toString("base64");
let gw: TestGateway, psa: FakePsa;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ gw, psa, close } = await startGatewayWithFakePsa({ CONNECTOR_SECRETS_KEY: SECRETS_KEY }));
  psa.companies.push({ id: 410, name: "Api Bundle Co" });
  psa.contacts.push({ id: 41, first: "Abe", last: "Bundle", emails: ["abe@api-bundle.example"], companyId: 410 });
}, 120_000);
afterAll(() => close());

const roles: StaffRole[] = ["owner", "admin", "support"];
const PATH = "/clients/{accountId}/support-bundle";

test("every role gets the console's bundle for a client, and none of the secrets the test used is in it", async () => {
  const secrets = { privateKey: "priv-Wd73-secret-key", publicKey: "pub-Ys20-public-key", webhook: "whsec-Nb84-webhook-secret", wrongPassword: "wrong-Pw-9902-typed" };
  const firm = await connectPsa(gw.db, await createFirm(gw.db, { name: "Api Bundle Firm" }), "connectwise", { ...connectwiseSettings, privateKey: secrets.privateKey, publicKey: secrets.publicKey }, SECRETS_KEY);
  await setWebhookSecret(gw.db, firm, secrets.webhook);
  const account = await createPortalAccount(gw.db, firm, { email: "abe@api-bundle.example", dateOfBirth: "1979-04-05" });
  const base = `/portal/${firm.slug}`;
  await signIn(gw.agent(), base, account.email, secrets.wrongPassword);
  const clientCookie = cookieOf(await signIn(gw.agent(), base, account.email, TEST_PASSWORD))?.split("=")[1] ?? "missing";
  const tokens = await Promise.all(roles.map((role) => apiToken(gw, firm, role)));
  const magic = await asToken(gw, tokens[0]!).post(`/clients/${account.id}/magic-link`);
  const magicToken = String(magic.body.url).split("/").pop() ?? "missing";

  const owner = await signedInStaff(gw, firm, "owner");
  const fromConsole = JSON.parse((await owner.get(`${base}/admin/clients/${account.id}/bundle`)).text) as Record<string, unknown>;
  const stored = await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } });
  const link = await gw.db.accessLink.findFirstOrThrow({ where: { portalAccountId: account.id } });
  const firmRow = await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } });
  const used = [...Object.values(secrets), TEST_PASSWORD, magicToken, clientCookie, ...tokens, ...tokens.map(hashApiToken), stored.passwordHash ?? "none", link.tokenHash, firmRow.connectorSecrets ?? "none", firmRow.webhookSecretHash ?? "none", "1979-04-05"];

  for (const [index, role] of roles.entries()) {
    const res = await asToken(gw, tokens[index]!).get(`/clients/${account.id}/support-bundle`);
    expect({ role, status: res.status }).toEqual({ role, status: 200 });
    expect(documentedShapeErrors("get", PATH, 200, res.body)).toEqual([]);
    expect(res.body).toMatchObject({
      generatedBy: `api-token:test ${role}`,
      firm: { name: "Api Bundle Firm", slug: firm.slug, psa: "connectwise" },
      address: "abe@api-bundle.example",
      account: { status: "active", hasPassword: true, emailConfirmed: true, identityCheckAnswerOnFile: true },
      psa: { kind: "works", companies: ["Api Bundle Co"] },
      links: [{ kind: "magic", state: "open" }],
    });
    expect(res.body.signInAttempts.map((a: { reason: string }) => a.reason)).toEqual(["success", "fail_password"]);
    // The same use-case as the console's download: the same document but for when and by whom it was made.
    const { generatedAt: _a, generatedBy: _b, ...rest } = res.body as Record<string, unknown>;
    const { generatedAt: _c, generatedBy: _d, ...consoleRest } = fromConsole;
    expect(rest).toEqual({ ...consoleRest, psa: expect.objectContaining({ kind: "works" }) });
    for (const secret of used) expect({ role, leaked: res.text.includes(secret) ? secret : null }).toEqual({ role, leaked: null });
  }
});

test("another firm's token, an unknown id and a malformed one get a 404 with nothing of the client; a revoked token and no token a 401", async () => {
  const [firmA, firmB] = [await createFirm(gw.db), await createFirm(gw.db)];
  const account = await createPortalAccount(gw.db, firmA, { email: "private@firm-a.example" });
  const fromB = asToken(gw, await apiToken(gw, firmB, "owner"));
  const ofA = asToken(gw, await apiToken(gw, firmA, "support"));
  for (const [api, id] of [[fromB, account.id], [ofA, crypto.randomUUID()], [ofA, "not-an-id"], [ofA, "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"]] as const) {
    const res = await api.get(`/clients/${id}/support-bundle`);
    expect({ id, status: res.status, code: res.body.error?.code }).toEqual({ id, status: 404, code: "client_not_found" });
    expect(documentedShapeErrors("get", PATH, 404, res.body)).toEqual([]);
    expect(res.text).not.toContain("private@firm-a.example");
  }
  for (const res of [await asToken(gw, await revokedToken(gw, firmA)).get(`/clients/${account.id}/support-bundle`), await request(gw.app).get(`${API}/clients/${account.id}/support-bundle`)]) {
    expect(res.status).toBe(401);
    expect(res.text).not.toContain("private@firm-a.example");
  }
});
