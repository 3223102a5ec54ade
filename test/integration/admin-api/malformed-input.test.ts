import fc from "fast-check";
import { encodable } from "../../helpers/fuzz";
import type { Firm } from "../../../src/generated/prisma/client";
import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm, createPortalAccount } from "../../helpers/seed";
import { apiToken, asToken } from "../../helpers/api";

// The security suite sends its malformed requests to the admin API without a token (every one is a 401 before any
// input is read). Here the same kinds of input reach the client list, trail, outbox, bundle and settings endpoints
// with a valid token: overlong and binary strings, wrong types, hostile ids. Never a 5xx; the firm is still served.
let gw: TestGateway;
let firm: Firm;
let admin: ReturnType<typeof asToken>;
beforeAll(async () => {
  // Over a thousand requests from one token: its rate limit must not answer them before the endpoints do.
  gw = await startTestGateway({ env: { API_REQUESTS_PER_MINUTE: "100000" } });
  firm = await createFirm(gw.db);
  await createPortalAccount(gw.db, firm, { email: "still@here.example" });
  admin = asToken(gw, await apiToken(gw, firm, "admin"));
}, 120_000);
afterAll(() => gw.close());

const hostile = fc.constantFrom("../../etc/passwd", "%00", "\u0000", "' OR 1=1 --", "<script>", "__proto__", "00000000-0000-0000-0000-00000000000g", "ffffffff-ffff-ffff-ffff-ffffffffffff", "-1", "1e309", "NaN", "2026-02-30", "9999-99-99", "🙂".repeat(200));
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }), fc.string({ minLength: 500, maxLength: 1_500 }), hostile);
const queryValue = text.filter(encodable);
const query = fc.dictionary(fc.constantFrom("email", "reason", "from", "to", "format", "limit", "cursor", "search", "status", "flagged"), fc.oneof(queryValue, fc.array(queryValue, { maxLength: 2 })), { maxKeys: 5 });
const jsonValue = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 2 }), fc.dictionary(fc.constantFrom("magic", "fullAt", "__proto__", "a"), fc.oneof(text, fc.integer()), { maxKeys: 2 }));
const settingsBody = fc.dictionary(fc.constantFrom("timeZone", "currency", "passwordMinLength", "showClosedProjects", "brandColor", "linkLifetimesMinutes", "sync", "supportEmail", "identityCheck", "domain", "__proto__"), jsonValue, { maxKeys: 4 });

const search = (params: Record<string, string | string[]>) => {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const one of Array.isArray(value) ? value : [value]) out.append(key, one);
  return out.toString();
};

test("malformed queries, ids and bodies on the new endpoints: no 5xx, and the firm still answers after", async () => {
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  const judge = (what: string, status: number) => {
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    if (status >= 500) failures.push(`${what} -> ${status}`);
  };
  for (const path of ["/clients", "/trail", "/outbox"]) {
    await fc.assert(fc.asyncProperty(query, async (params) => (judge(`GET ${path}?${search(params)}`, (await admin.get(`${path}?${search(params)}`)).status), true)), { numRuns: 120 });
  }
  await fc.assert(
    fc.asyncProperty(queryValue.filter((id) => id.length > 0), async (id) => {
      judge(`GET /clients/${id}/support-bundle`, (await admin.get(`/clients/${encodeURIComponent(id)}/support-bundle`)).status);
      judge(`POST /outbox/${id}/resend`, (await admin.post(`/outbox/${encodeURIComponent(id)}/resend`)).status);
      judge(`DELETE /firm/domains/${id}`, (await admin.delete(`/firm/domains/${encodeURIComponent(id)}`)).status);
      return true;
    }),
    { numRuns: 120 },
  );
  await fc.assert(fc.asyncProperty(settingsBody, async (body) => (judge(`PATCH /firm/settings ${JSON.stringify(body).slice(0, 200)}`, (await admin.patch("/firm/settings", body)).status), true)), { numRuns: 150 });
  await fc.assert(fc.asyncProperty(settingsBody, async (body) => (judge(`POST /firm/domains ${JSON.stringify(body).slice(0, 200)}`, (await admin.post("/firm/domains", body)).status), true)), { numRuns: 60 });

  expect({ failed: failures.length, first: failures.slice(0, 10) }).toEqual({ failed: 0, first: [] });
  // The inputs reached the endpoints: none was turned away before (rate limit, token), and many were refused as input.
  expect([statuses.get(401), statuses.get(429)]).toEqual([undefined, undefined]);
  expect(statuses.get(400)).toBeGreaterThan(100);
  expect((await admin.get("/clients")).body.items.map((item: { email: string }) => item.email)).toEqual(["still@here.example"]);
}, 300_000);
