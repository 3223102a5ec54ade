import crypto from "node:crypto";
import nock from "nock";
import request from "supertest";
import type { Firm } from "../../../src/generated/prisma/client";
import { signedInStaff } from "../../helpers/staff";
import { startGatewayWithFakePsa } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { connectDemoPsa, connectPsa, createFirm, createPortalAccount, setWebhookSecret, TEST_PASSWORD } from "../../helpers/seed";
import { csrfFrom, signIn } from "../../helpers/forms";
import { addAcmeAndBeacon, CW_SITE, connectwiseSettings } from "../../helpers/fake-connectwise";
import type { FakePsa } from "../../helpers/fake-connectwise";
import { syncNow, syncRunsSettled } from "../../helpers/sync";

const SECRETS_KEY = Buffer.alloc(32, 6).toString("base64");
let gw: TestGateway, psa: FakePsa;
let close: () => Promise<void>;

beforeAll(async () => {
  // A long cache lifetime: only the webhook can make a change show on the next load.
  ({ gw, psa, close } = await startGatewayWithFakePsa({ CONNECTOR_SECRETS_KEY: SECRETS_KEY, COMPANY_CACHE_SECONDS: "3600" }));
  addAcmeAndBeacon(psa);
  psa.contacts.push(
    { id: 1, first: "Jane", last: "Smith", emails: ["jane@acme.com"], companyId: 250 },
    { id: 2, first: "Omar", last: "Haddad", emails: ["omar@acme.com"], companyId: 250 },
    { id: 9, first: "Carl", last: "Jensen", emails: ["carl@beacon.com"], companyId: 251 },
  );
  // An accepted delivery asks for a sync run. The Autotask firm's runs find no zone for their user and fail at once
  // (Autotask's ZoneInformation answers an unknown user with 404), rather than reaching for the network.
  nock("https://webservices.autotask.net").persist().get("/ATServicesRest/V1.0/ZoneInformation").query(true).reply(404, {});
});
afterAll(async () => {
  // Let the runs the deliveries asked for end before the gateway closes, rather than cutting one off mid-request.
  await syncRunsSettled(gw);
  await close();
});

async function firmWith(kind: "connectwise" | "autotask" | "csv"): Promise<Firm> {
  const firm = await createFirm(gw.db);
  if (kind === "csv") return connectDemoPsa(gw.db, firm);
  const settings = kind === "connectwise" ? connectwiseSettings : { username: "api@acme-msp.com", secret: "at-secret", integrationCode: "CODE" };
  return connectPsa(gw.db, firm, kind, settings, SECRETS_KEY);
}

/**
 * An admin creates the webhook address on the console: the values to paste into the PSA are shown once, each under
 * the PSA's own name for its field (ConnectWise "url"; Autotask "WebhookUrl", "DeactivationUrl", "SecretKey").
 */
async function createAddress(firm: Firm): Promise<{ path: string; pasted: Record<string, string>; page: string }> {
  const admin = await signedInStaff(gw, firm);
  const page = await admin.get(`/portal/${firm.slug}/admin/psa`);
  const created = await admin.post(`/portal/${firm.slug}/admin/psa/webhook`).type("form").send({ _csrf: csrfFrom(page.text) });
  const pasted = Object.fromEntries(
    [...created.text.matchAll(/<dt>([^<]+)<\/dt><dd><code class="link" id="copy-[0-9a-f]+">([^<]+)<\/code>/g)].map((m) => [m[1] as string, (m[2] as string).replace(/&amp;/g, "&")]),
  );
  const url = pasted.url ?? pasted.WebhookUrl;
  if (!url) throw new Error("no webhook address on the page");
  const again = (await admin.get(`/portal/${firm.slug}/admin/psa`)).text;
  for (const value of Object.values(pasted)) expect(again).not.toContain(value); // shown once
  return { path: new URL(url).pathname, pasted, page: created.text };
}

const webhookAddress = async (firm: Firm) => (await createAddress(firm)).path;

async function clientOf(firm: Firm, email: string) {
  await createPortalAccount(gw.db, firm, { email });
  const agent = gw.agent();
  expect((await signIn(agent, `/portal/${firm.slug}`, email, TEST_PASSWORD)).status).toBe(303);
  return agent;
}

const cwContact = (id: number, companyId: number, emails: string[]) => ({
  Action: "updated",
  Type: "contact",
  ID: id,
  CompanyId: "northwind",
  Entity: JSON.stringify({ id, company: { id: companyId }, communicationItems: emails.map((value, i) => ({ id: i, type: { id: 1, name: "Email" }, value, defaultFlag: i === 0, communicationType: "Email" })) }),
});

describe("ConnectWise callbacks make a PSA change show on the next page load", () => {
  test("an email added to a contact in the PSA: the client who saw 'not linked' sees the company's projects at once", async () => {
    const firm = await firmWith("connectwise");
    const path = await webhookAddress(firm);
    expect((await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } })).webhookSecretHash).toMatch(/^[0-9a-f]{64}$/);
    const agent = await clientOf(firm, "jane.doe@acme.com");
    expect((await agent.get(`/portal/${firm.slug}/api/projects`)).body.notice.code).toBe("email_not_in_psa");

    const jane = psa.contacts.find((c) => c.id === 1) as { emails: string[] };
    jane.emails.push("jane.doe@acme.com");
    try {
      // Cached for an hour: without the callback the client still sees the old answer.
      expect((await agent.get(`/portal/${firm.slug}/api/projects`)).body.notice.code).toBe("email_not_in_psa");
      const callback = await request(gw.app).post(path).send(cwContact(1, 250, jane.emails));
      expect(callback.status).toBe(202);
      expect(callback.body).toMatchObject({ accepted: true, change: "contact 1 updated" });
      const after = await agent.get(`/portal/${firm.slug}/api/projects`);
      expect(after.body.company).toEqual({ id: "250", name: "Acme Corp" });
      expect(after.body.projects.map((p: { name: string }) => p.name)).toContain("Acme HQ Renovation");
    } finally {
      jane.emails.pop();
    }
  });

  test("a contact deleted in the PSA, or an email taken off one, loses access at once: the snapshot says what it was", async () => {
    const firm = await firmWith("connectwise");
    const path = await webhookAddress(firm);
    psa.contacts.push({ id: 31, first: "Gone", last: "Soon", emails: ["gone@acme.com"], companyId: 250 }, { id: 32, first: "Two", last: "Mails", emails: ["main@acme.com", "old@acme.com"], companyId: 250 });
    try {
      expect(await syncNow(gw, firm)).toMatchObject({ kind: "finished", status: "succeeded" });
      const gone = await clientOf(firm, "gone@acme.com");
      const old = await clientOf(firm, "old@acme.com");
      for (const agent of [gone, old]) expect((await agent.get(`/portal/${firm.slug}/api/projects`)).body.company).toEqual({ id: "250", name: "Acme Corp" });

      // Deleted: ConnectWise's callback carries no record, only the id.
      psa.contacts.splice(psa.contacts.findIndex((c) => c.id === 31), 1);
      expect((await request(gw.app).post(path).send({ Action: "deleted", Type: "contact", ID: 31, Entity: null })).status).toBe(202);
      expect((await gone.get(`/portal/${firm.slug}/api/projects`)).body.notice.code).toBe("email_not_in_psa");

      // An email removed as the contact moves company: the callback names only what the contact has now.
      Object.assign(psa.contacts.find((c) => c.id === 32) as object, { emails: ["main@acme.com"], companyId: 251 });
      expect((await request(gw.app).post(path).send({ ...cwContact(32, 251, ["main@acme.com"]) })).status).toBe(202);
      expect((await old.get(`/portal/${firm.slug}/api/projects`)).body.notice.code).toBe("email_not_in_psa");
    } finally {
      psa.contacts = psa.contacts.filter((c) => c.id !== 31 && c.id !== 32);
    }
  });

  test("a company made inactive reaches every client whose answer named it; a project change refreshes the list", async () => {
    const firm = await firmWith("connectwise");
    const path = await webhookAddress(firm);
    const carl = await clientOf(firm, "carl@beacon.com");
    expect((await carl.get(`/portal/${firm.slug}/api/projects`)).body.projects.map((p: { name: string }) => p.name)).toEqual(["Beacon Yard"]);

    psa.projects.push({ id: 9102, companyId: 251, name: "Beacon Annex", budget: 10000 });
    expect((await request(gw.app).post(path).send({ Action: "added", Type: "project", ID: 9102, Entity: JSON.stringify({ id: 9102, company: { id: 251 } }) })).status).toBe(202);
    expect((await carl.get(`/portal/${firm.slug}/api/projects`)).body.projects.map((p: { name: string }) => p.name).sort()).toEqual(["Beacon Annex", "Beacon Yard"]);

    const beacon = psa.companies.find((c) => c.id === 251) as { deleted?: boolean };
    beacon.deleted = true;
    try {
      expect((await request(gw.app).post(path).send({ Action: "updated", Type: "company", ID: 251, Entity: JSON.stringify({ id: 251 }) })).status).toBe(202);
      const refused = await carl.get(`/portal/${firm.slug}/api/projects`);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe("access_refused");
    } finally {
      beacon.deleted = false;
      psa.projects.pop();
    }
  });

  test("a wrong secret, an unknown firm and a replaced address all get the same 404; a malformed callback a 400 that says why", async () => {
    const firm = await firmWith("connectwise");
    const path = await webhookAddress(firm);
    const wrong = await request(gw.app).post(path.replace(/[^/]+$/, "not-the-secret")).send(cwContact(2, 250, ["omar@acme.com"]));
    const unknown = await request(gw.app).post(`/webhooks/psa/${crypto.randomUUID()}/whatever`).send(cwContact(2, 250, ["omar@acme.com"]));
    expect(wrong.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(wrong.body).toEqual(unknown.body);

    const malformed = await request(gw.app).post(path).send({ hello: "world" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toContain("Not a ConnectWise callback");

    const replaced = await webhookAddress(firm);
    expect(replaced).not.toBe(path);
    expect((await request(gw.app).post(path).send(cwContact(2, 250, ["omar@acme.com"]))).status).toBe(404);
    expect((await request(gw.app).post(replaced).send(cwContact(2, 250, ["omar@acme.com"]))).status).toBe(202);
  });
});

describe("ConnectWise callbacks survive the record id ConnectWise appends, and their signature is checked", () => {
  test("the console says exactly what to register: the address ending in ?recordId=, at level owner", async () => {
    const firm = await firmWith("connectwise");
    const { pasted, page } = await createAddress(firm);
    expect(pasted.url).toMatch(new RegExp(`^http://localhost:\\d+/webhooks/psa/${firm.id}/[A-Za-z0-9_-]{43}\\?recordId=$`));
    expect(page).toContain("POST /system/callbacks");
    expect(page).toContain("at level owner");
  });

  test("deliveries arrive as ?recordId=57961, or (registered without it) as the secret with the id appended: both work", async () => {
    const firm = await firmWith("connectwise");
    const path = await webhookAddress(firm);
    const asRegistered = await request(gw.app).post(`${path}?recordId=2`).send(cwContact(2, 250, ["omar@acme.com"]));
    expect(asRegistered.status).toBe(202);
    const appended = await request(gw.app).post(`${path}2`).send(cwContact(2, 250, ["omar@acme.com"]));
    expect(appended.status).toBe(202);
    expect((await request(gw.app).post(`${path}2x`).send(cwContact(2, 250, ["omar@acme.com"]))).status).toBe(404);
    expect((await request(gw.app).post(path.slice(0, -1)).send(cwContact(2, 250, ["omar@acme.com"]))).status).toBe(404);
  });

  test("a signed callback is checked with the key from the firm's own ConnectWise host; a forged one is refused", async () => {
    const firm = await firmWith("connectwise");
    const path = await webhookAddress(firm);
    // The payload names the key on the sign-in host (amp-labs' recorded contact-update.json): api- dropped.
    const keyUrl = `https://${CW_SITE.replace(/^api-/, "")}/v2025_1//system/callbackkey/index.rails?companyName=northwind&id=k1`;
    const body = JSON.stringify({ ...cwContact(2, 250, ["omar@acme.com"]), Metadata: { key_url: keyUrl } });
    const signature = (key: string) => crypto.createHmac("sha256", crypto.createHash("sha256").update(key).digest()).update(body).digest("base64");
    const keys = nock(`https://${CW_SITE.replace(/^api-/, "")}`).get("/v2025_1//system/callbackkey/index.rails").query({ companyName: "northwind", id: "k1" }).reply(200, { signing_key: "cw-signing-key" });
    const post = (sig: string, at = path) => request(gw.app).post(`${at}?recordId=2`).set("content-type", "application/json").set("x-content-signature", sig).send(body);

    expect((await post(signature("cw-signing-key"))).status).toBe(202);
    expect(keys.isDone()).toBe(true);
    const forged = await post(signature("guessed-key"));
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe("webhook_signature_invalid");

    // A key address on any other host is never fetched (nock would refuse the connection; the answer is 401 at once).
    const elsewhere = JSON.stringify({ ...JSON.parse(body), Metadata: { key_url: "https://collector.example/system/callbackkey/x" } });
    const refused = await request(gw.app).post(path).set("content-type", "application/json").set("x-content-signature", signature("cw-signing-key")).send(elsewhere);
    expect(refused.status).toBe(401);
  });
});

describe("Autotask webhooks: signed with a secret of their own, and unsigned ones refused once the firm has it", () => {
  const body = JSON.stringify({ Action: "Update", Guid: crypto.randomUUID(), EntityType: "Contact", Id: 30682, Fields: { EmailAddress: "Pat@Acme.com", CompanyID: 174 }, EventTime: "2026-11-22T08:00:00Z", SequenceNumber: 1, PersonId: 1 });
  const sign = (key: string) => `sha1=${crypto.createHmac("sha1", key).update(body).digest("base64")}`;
  const deliver = (path: string, signature?: string) => {
    const sent = request(gw.app).post(path).set("content-type", "application/json");
    return (signature ? sent.set("x-hook-signature", signature) : sent).send(body);
  };

  test("the console shows where each value goes in Autotask: WebhookUrl, DeactivationUrl and the SecretKey", async () => {
    const firm = await firmWith("autotask");
    const { path, pasted, page } = await createAddress(firm);
    expect(pasted.WebhookUrl).toBe(pasted.DeactivationUrl);
    expect(pasted.SecretKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pasted.WebhookUrl).not.toContain(pasted.SecretKey); // the signing secret is not the address's secret
    expect(page).toContain("POST /V1.0/ContactWebhooks");
    const row = await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } });
    expect(row.webhookSigningSecret).not.toContain(pasted.SecretKey); // stored encrypted

    const signed = await deliver(path, sign(pasted.SecretKey as string));
    expect(signed.status).toBe(202);
    expect(signed.body.change).toBe("Contact 30682 Update");
    const unsigned = await deliver(path);
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.error.code).toBe("webhook_signature_required");
    const withAddressSecret = await deliver(path, sign(path.split("/").pop() as string));
    expect(withAddressSecret.status).toBe(401);
    expect(withAddressSecret.body.error.code).toBe("webhook_signature_invalid");
  });

  test("an address made before signing secrets keeps taking unsigned deliveries, and the console says to replace it", async () => {
    const firm = await firmWith("autotask");
    const secret = crypto.randomBytes(32).toString("base64url");
    await setWebhookSecret(gw.db, firm, secret);
    const path = `/webhooks/psa/${firm.id}/${secret}`;
    expect((await deliver(path)).status).toBe(202);
    expect((await deliver(path, sign(secret))).status).toBe(202); // the key those addresses were set up with
    expect((await deliver(path, sign("someone-else"))).status).toBe(401);
    const admin = await signedInStaff(gw, firm);
    expect((await admin.get(`/portal/${firm.slug}/admin/psa`)).text).toContain("This address was made before signing secrets");
  });

  test("a firm whose PSA takes no webhooks is told so", async () => {
    const csvFirm = await firmWith("csv");
    const secret = crypto.randomBytes(32).toString("base64url");
    await setWebhookSecret(gw.db, csvFirm, secret);
    const unsupported = await request(gw.app).post(`/webhooks/psa/${csvFirm.id}/${secret}`).send({ anything: true });
    expect(unsupported.status).toBe(422);
    expect(unsupported.body.error.code).toBe("webhook_not_supported");
  });
});
