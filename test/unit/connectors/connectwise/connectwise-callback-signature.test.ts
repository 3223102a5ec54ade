import crypto from "node:crypto";
import nock from "nock";
import { createConnector, type ConnectorDeps } from "../../../../connectors/registry";
import type { PsaConnector, WebhookDelivery } from "../../../../connectors/types";
import { connectwiseWebhooks } from "../../../../connectors/connectwise/webhooks";
import { expectOk } from "../support/expect-result";
import { loadPsaFixture } from "../support/fixtures";
import { useClosedNetwork } from "../support/network";
import { makeTestDeps } from "../support/test-deps";
import { cwSettings } from "./connectwise-settings";

/**
 * ConnectWise callback signatures (Developer Guide "PSA Callbacks", "Verifying the Callback Source"; NangoHQ/nango
 * connectwise-psa-webhook-routing.ts; amp-labs/connectors webhook/verifier.go): x-content-signature is
 * base64(HMAC-SHA256(SHA-256(signing_key), raw body)); the key is what GET Metadata.key_url answers, {"signing_key"}.
 * The callback's shape follows amp-labs' recorded test/contact-update.json (Metadata.key_url on the sign-in host).
 */
const callback = loadPsaFixture("connectwise", "callback-contact-updated");
const KEY_HOST = "https://na.myconnectwise.net";
const KEY_PATH = "/v2025_1//system/callbackkey/index.rails";
const SIGNING_KEY = "c2lnbmluZy1rZXktZnJvbS1jb25uZWN0d2lzZQ==";

/** Signed as the vendor's C# sample does it: the key is the SHA-256 digest of the signing key's UTF-8 bytes. */
function sign(body: Buffer, key = SIGNING_KEY): string {
  const digest = crypto.createHash("sha256").update(Buffer.from(key, "utf8")).digest();
  return crypto.createHmac("sha256", digest).update(body).digest("base64");
}

function delivery(body: unknown, signature?: string): WebhookDelivery {
  const rawBody = Buffer.from(JSON.stringify(body));
  return { rawBody, body, header: (name) => (name === "x-content-signature" ? (signature === "sign" ? sign(rawBody) : signature) : undefined) };
}

function makeConnector(overrides: ConnectorDeps = {}, settings: Record<string, unknown> = cwSettings) {
  const test = makeTestDeps({ resolveHost: async () => ["93.184.216.34"], ...overrides });
  const connector: PsaConnector = expectOk(createConnector("connectwise", settings, test.deps));
  return { connector, ...test };
}

const keyRequest = () => nock(KEY_HOST).get(KEY_PATH).query({ companyName: "acme", id: "b7e1c2d4-1f3a-4e5b-8c6d-7a8b9c0d1e2f" });

describe("ConnectWise callback signatures", () => {
  useClosedNetwork();

  test("a signed callback is checked with the key from the firm's own ConnectWise host, read once and cached", async () => {
    const { connector } = makeConnector();
    keyRequest().once().reply(200, { signing_key: SIGNING_KEY });
    expect(await connector.verifyWebhook?.(delivery(callback, "sign"))).toEqual({ status: "valid" });
    // The second delivery signed with the same key needs no request (nock would fail on one).
    expect(await connector.verifyWebhook?.(delivery({ ...callback, ID: 57962 }, "sign"))).toEqual({ status: "valid" });
  });

  test("a wrong signature, or one over other bytes, does not match", async () => {
    const { connector } = makeConnector();
    keyRequest().once().reply(200, { signing_key: SIGNING_KEY });
    const body = delivery(callback, sign(Buffer.from(JSON.stringify({ ...callback, ID: 1 }))));
    expect(await connector.verifyWebhook?.(body)).toMatchObject({ status: "invalid" });
    expect(await connector.verifyWebhook?.(delivery(callback, sign(Buffer.from(JSON.stringify(callback)), "another-key")))).toMatchObject({ status: "invalid" });
  });

  test("a callback without the header is unsigned (older callbacks carry none); the address's secret admits it", async () => {
    const { connector } = makeConnector();
    expect(await connector.verifyWebhook?.(delivery(callback))).toEqual({ status: "unsigned" });
  });

  test.each([
    ["https://collector.example/v2025_1//system/callbackkey/index.rails?id=1", "another host"],
    ["http://na.myconnectwise.net/v2025_1//system/callbackkey/index.rails?id=1", "plain http"],
    ["https://eu.myconnectwise.net/v2025_1//system/callbackkey/index.rails?id=1", "another ConnectWise region"],
    ["https://na.myconnectwise.net/v4_6_release/apis/3.0/company/contacts", "another path on the host"],
    ["https://user:pw@na.myconnectwise.net/v2025_1//system/callbackkey/index.rails?id=1", "credentials in the address"],
  ])("a key address on %s (%s) is never fetched", async (keyUrl) => {
    const { connector } = makeConnector();
    const check = await connector.verifyWebhook?.(delivery({ ...callback, Metadata: { key_url: keyUrl } }, "sign"));
    expect(check).toEqual({ status: "invalid", reason: "the signing key's address is not this firm's ConnectWise host" });
  });

  test("a signed callback naming no key address is refused", async () => {
    const { connector } = makeConnector();
    expect(await connector.verifyWebhook?.(delivery({ ...callback, Metadata: null }, "sign"))).toMatchObject({ status: "invalid" });
  });

  test("an on-premises host: the key is read from the site itself, through the address guard", async () => {
    const onPrem = { ...cwSettings, site: "cw.acme.example" };
    const keyUrl = "https://cw.acme.example/v4_6_release/system/callbackkey/index.rails?id=7";
    // The site resolves to a private address the operator did not allow: the key is not fetched.
    const blocked = makeConnector({ resolveHost: async () => ["10.0.0.8"] }, onPrem).connector;
    const refused = await blocked.verifyWebhook?.(delivery({ ...callback, Metadata: { key_url: keyUrl } }, "sign"));
    expect(refused).toMatchObject({ status: "unverifiable", error: { code: "psa_misconfigured" } });

    const allowed = makeConnector({ resolveHost: async () => ["10.0.0.8"], allowPrivateHosts: ["cw.acme.example"] }, onPrem).connector;
    nock("https://cw.acme.example").get("/v4_6_release/system/callbackkey/index.rails").query({ id: "7" }).reply(200, { signing_key: SIGNING_KEY });
    expect(await allowed.verifyWebhook?.(delivery({ ...callback, Metadata: { key_url: keyUrl } }, "sign"))).toEqual({ status: "valid" });
  });

  test("a key that stops matching is read again (rotated), but not more than once a minute", async () => {
    const { connector, advanceClock } = makeConnector();
    keyRequest().once().reply(200, { signing_key: "old-key" });
    expect(await connector.verifyWebhook?.(delivery(callback, sign(Buffer.from(JSON.stringify(callback)), "old-key")))).toEqual({ status: "valid" });
    expect(await connector.verifyWebhook?.(delivery(callback, "sign"))).toMatchObject({ status: "invalid" }); // within the minute: no request
    advanceClock(61_000);
    keyRequest().once().reply(200, { signing_key: SIGNING_KEY });
    expect(await connector.verifyWebhook?.(delivery(callback, "sign"))).toEqual({ status: "valid" });
  });

  test("ConnectWise's host not answering: the signature cannot be checked now (not 'invalid')", async () => {
    const { connector } = makeConnector({ maxRetries: 0 });
    keyRequest().once().reply(503, { code: "ServiceUnavailable" });
    expect(await connector.verifyWebhook?.(delivery(callback, "sign"))).toMatchObject({ status: "unverifiable", error: { code: "psa_unavailable" } });
  });

  test("the address ConnectWise is given survives the record id it appends", () => {
    expect(connectwiseWebhooks.addressForPsa?.("https://portal.example/webhooks/psa/f/s")).toBe("https://portal.example/webhooks/psa/f/s?recordId=");
    expect(connectwiseWebhooks.appendsRecordId).toBe(true);
    const setup = connectwiseWebhooks.setup({ address: "https://portal.example/webhooks/psa/f/s?recordId=", signingSecret: null });
    expect(setup.paste).toEqual([{ field: "url", value: "https://portal.example/webhooks/psa/f/s?recordId=" }]);
    expect(setup.where).toContain("POST /system/callbacks");
  });
});
