import request from "supertest";
import type { Firm } from "../../../src/generated/prisma/client";
import { createMetricsApp } from "../../../src/platform/metrics/http-metrics";
import { startGatewayWithFakePsa } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import type { FakePsa } from "../../helpers/fake-connectwise";
import { connectwiseSettings } from "../../helpers/fake-connectwise";
import { connectPsa, createFirm, createPortalAccount, TEST_PASSWORD } from "../../helpers/seed";
import { signIn } from "../../helpers/forms";
import { runCommand } from "../../helpers/cli";

// GET /metrics (Prometheus text, on the metrics port's own app): what operators watch, with no firm data in labels.
const SECRETS_KEY = Buffer.alloc(32, 7).toString("base64");
let gw: TestGateway;
let psa: FakePsa;
let close: () => Promise<void>;
let firm: Firm;

beforeAll(async () => {
  ({ gw, psa, close } = await startGatewayWithFakePsa({ CONNECTOR_SECRETS_KEY: SECRETS_KEY, PSA_TIMEOUT_MS: "300", PSA_TIME_BUDGET_MS: "5000" }));
  psa.companies.push({ id: 250, name: "Acme Corp" });
  psa.contacts.push({ id: 1, first: "Jane", last: "Smith", emails: ["jane.metrics@acme.com"], companyId: 250 });
  firm = await connectPsa(gw.db, await createFirm(gw.db), "connectwise", connectwiseSettings, SECRETS_KEY);
}, 120_000);
afterAll(() => close());

async function scrape(): Promise<string> {
  const res = await request(createMetricsApp()).get("/metrics");
  expect(res.status).toBe(200);
  expect(res.headers["content-type"]).toMatch(/^text\/plain/);
  return res.text;
}

/** The value of one series, 0 when it is not there yet. */
function value(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.split(" ").pop()) : 0;
}

test("requests by route pattern, sign-ins by reason, lockouts, and company lookups; no slug, email or id in any label", async () => {
  const before = await scrape();
  const account = await createPortalAccount(gw.db, firm, { email: "jane.metrics@acme.com" });
  const client = gw.agent();
  expect((await signIn(client, `/portal/${firm.slug}`, account.email, TEST_PASSWORD)).status).toBe(303);
  expect((await client.get(`/portal/${firm.slug}/`)).status).toBe(200);
  expect((await client.get(`/portal/${firm.slug}/`)).status).toBe(200);
  for (let i = 0; i < 5; i++) await signIn(gw.agent(), `/portal/${firm.slug}`, "locked.metrics@acme.com", "wrong password");
  await request(gw.app).get(`/portal/${firm.slug}/claim/not-a-real-token-at-all`);
  await request(gw.app).get("/no/such/page/jane.metrics@acme.com");
  expect((await runCommand(gw, ["client", "invite", "--firm", firm.slug, "--email", "invited.metrics@acme.com", "--anyway"])).code).toBe(0);
  await gw.mail.runNow();

  const after = await scrape();
  const delta = (name: string, labels: Record<string, string>) => value(after, name, labels) - value(before, name, labels);
  expect(delta("gateway_http_requests_total", { method: "POST", route: "/portal/:slug/login", status: "3xx" })).toBe(1);
  expect(delta("gateway_http_requests_total", { method: "GET", route: "/portal/:slug/claim/:token" })).toBe(1);
  expect(delta("gateway_http_requests_total", { method: "GET", route: "unmatched", status: "4xx" })).toBeGreaterThanOrEqual(1);
  expect(delta("gateway_http_request_duration_seconds_count", { method: "POST", route: "/portal/:slug/login" })).toBeGreaterThanOrEqual(6);
  expect(delta("gateway_sign_in_events_total", { reason: "success" })).toBe(1);
  expect(delta("gateway_sign_in_events_total", { reason: "fail_unknown_email" })).toBe(5);
  expect(delta("gateway_lockouts_total", { kind: "email" })).toBe(1);
  expect(delta("gateway_company_lookups_total", { result: "miss" })).toBeGreaterThanOrEqual(1);
  expect(delta("gateway_company_lookups_total", { result: "hit" })).toBeGreaterThanOrEqual(1);
  expect(delta("gateway_psa_calls_total", { connector: "connectwise", outcome: "ok" })).toBeGreaterThanOrEqual(1);
  expect(delta("gateway_emails_total", { status: "sent" })).toBeGreaterThanOrEqual(1);

  for (const secret of [firm.slug, firm.id, account.id, "jane.metrics", "locked.metrics", "invited.metrics", "acme.com", "not-a-real-token"]) expect(after).not.toContain(secret);
});

test("PSA calls by outcome: a timeout while the PSA stalls, errors while it is down, then circuit_open once the breaker opens", async () => {
  const before = await scrape();
  psa.mode = "stalled";
  await gw.resolver.resolveAccess(firm, "stalled@acme.com");
  psa.mode = "down";
  try {
    for (let i = 0; i < 7; i++) await gw.resolver.resolveAccess(firm, `nobody${i}@acme.com`);
  } finally {
    psa.mode = "up";
  }
  const after = await scrape();
  const delta = (outcome: string) => value(after, "gateway_psa_calls_total", { connector: "connectwise", outcome }) - value(before, "gateway_psa_calls_total", { connector: "connectwise", outcome });
  expect(delta("timeout")).toBe(1);
  expect(delta("error")).toBeGreaterThanOrEqual(1);
  expect(delta("circuit_open")).toBeGreaterThanOrEqual(1);
}, 60_000);
