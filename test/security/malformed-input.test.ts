import fc from "fast-check";
import { encodable } from "../helpers/fuzz";
import { fillPath, listRoutes } from "../helpers/route-table";
import type { AppRoute } from "../helpers/route-table";
import type { TestGateway } from "../helpers/test-gateway";
import { classify } from "./route-classes";
import { csrfOf, seedSuiteFirm, startSuiteGateway } from "./harness";
import type { SuiteFirm } from "./harness";

// At least 10,000 generated malformed inputs across every route the app serves (from its router), each sent with
// the session the route needs (so the input reaches the handler, past CSRF and sign-in): overlong strings, invalid
// UTF-8, NUL, wrong types (arrays, objects, numbers), huge bodies, path traversal, header-injection sequences, SQL
// and HTML metacharacters, non-UUID ids. Zero 5xx, zero crashes: the app answers every one and still works after.

jest.setTimeout(600_000);

const hostile = fc.constantFrom(
  "../../../../etc/passwd",
  "..%2f..%2f..%2fetc%2fpasswd",
  "%00",
  "\u0000",
  "a\u0000b",
  "%C0%AF",
  "%FF%FE",
  "%E0%80%80",
  "\r\nSet-Cookie: portal.sid=evil",
  "%0d%0aLocation:%20http://evil.example",
  "' OR 1=1 --",
  "\"; DROP TABLE \"PortalAccount\"; --",
  "<script>alert(1)</script>",
  "\"><img src=x onerror=alert(1)>",
  "{{constructor.constructor('return process')()}}",
  "__proto__",
  "constructor",
  "00000000-0000-0000-0000-00000000000g",
  "123e4567-e89b-12d3-a456-4266141740000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "-1",
  "1e309",
  "NaN",
  "\uD800",
  "\uFFFF",
  "🙂".repeat(300),
);
const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }), fc.string({ minLength: 2_000, maxLength: 5_000 }), hostile);
const value = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }), fc.dictionary(fc.constantFrom("a", "__proto__", "$gt", "email"), text, { maxKeys: 2 }));
const fields = fc.dictionary(
  fc.constantFrom("email", "password", "confirm", "dateOfBirth", "accessOn", "template", "kind", "companyId", "company", "site", "publicKey", "privateKey", "clientId", "visibleFields", "sections", "role", "anyway", "q", "_csrf"),
  value,
  { maxKeys: 6 },
);
const pathValue = fc.oneof(text.filter((s) => s.length > 0 && s.length < 3_000 && encodable(s)), fc.uuid(), fc.string({ unit: fc.constantFrom(..."0123456789abcdef-"), minLength: 36, maxLength: 36 }));
const request = fc.record({ param: pathValue, query: fc.option(fc.dictionary(fc.constantFrom("email", "show", "sort", "kind", "signed_out"), text, { maxKeys: 2 }), { nil: undefined }), body: fields, as: fc.constantFrom("form", "json", "huge", "raw") });

let gw: TestGateway;
let logText: () => string;
let secrets: Set<string>;
let a: SuiteFirm;
const sent = { total: 0, byStatus: new Map<number, number>() };

beforeAll(async () => {
  // Nothing leaves the machine: the demo PSA is CSV files, and every other PSA host a fuzzed form names resolves to
  // no address, so the connectors' address guard stops it before any connection. No nock in this file: its
  // pass-through socket would sit under all 10,000 loopback requests, and it is the likeliest cause of the one
  // request in a few runs that was never answered (CI, 2026-12-05).
  ({ gw, logText, secrets } = await startSuiteGateway({}, { resolveHost: async () => [] }));
  a = await seedSuiteFirm(gw, secrets);
}, 120_000);
afterAll(async () => {
  if (!gw) return;
  await gw.close();
  for (const secret of secrets) expect(logText()).not.toContain(secret);
});

function agentFor(route: AppRoute) {
  const kind = classify(route);
  return kind === "staff" ? { agent: a.staffAgent, home: `${a.base}/admin` } : kind === "client" ? { agent: a.clientAgent, home: `${a.base}/` } : { agent: gwAgent(), home: `${a.base}/login` };
}
let anonymous: ReturnType<TestGateway["agent"]> | undefined;
const gwAgent = () => (anonymous ??= gw.agent());

type Input = typeof request extends fc.Arbitrary<infer T> ? T : never;

function send(route: AppRoute, csrf: string, input: Input) {
  const { agent } = agentFor(route);
  const values: Record<string, string> = { slug: a.firm.slug, tokenId: input.param, firmId: input.param, secret: input.param, accountId: input.param, id: input.param, token: input.param, template: input.param, staffId: input.param, emailId: input.param, runId: input.param, hash: input.param, domain: input.param };
  const url = fillPath(route.path, values).replace(/%25/g, input.param.startsWith("%") ? "%" : "%25");
  const withQuery = input.query ? `${url}?${new URLSearchParams(Object.entries(input.query).map(([k, v]): [string, string] => [k, String(v)])).toString()}` : url;
  if (route.method === "GET") return agent.get(withQuery);
  const body = { _csrf: csrf, ...input.body };
  const post = route.method === "PATCH" ? agent.patch(withQuery) : route.method === "PUT" ? agent.put(withQuery) : route.method === "DELETE" ? agent.delete(withQuery) : agent.post(withQuery);
  if (input.as === "json") return post.set("Content-Type", "application/json").send(JSON.stringify(body));
  if (input.as === "huge") return post.type("form").send({ ...body, email: "x".repeat(200_000) });
  if (input.as === "raw") return post.set("Content-Type", "application/x-www-form-urlencoded").send(`_csrf=${encodeURIComponent(csrf)}&email=%FF%FE%00&password[]=a&password[x]=b`);
  return post.type("form").send(Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])));
}

test("10,000 malformed requests across every route: no 5xx, and the app still serves signed-in pages after", async () => {
  const routes = listRoutes(gw.app).filter((route) => classify(route) !== "session");
  expect(routes.length).toBeGreaterThan(35);
  const runs = Math.ceil(10_000 / routes.length);
  const failures: string[] = [];
  for (const route of routes) {
    const { agent, home } = agentFor(route);
    const csrf = await csrfOf(agent, home);
    // Every run is sent and judged (the property never stops early); what went wrong is collected and shown.
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        sent.total++;
        try {
          // An answer that never comes is a failure too (it would hold a connection open for good). 30 s, not less:
          // on a shared 2-core machine a request queued behind others' test runs took over 10 s (answered in 30 ms
          // when run alone).
          const res = await send(route, csrf, input).timeout(30_000);
          sent.byStatus.set(res.status, (sent.byStatus.get(res.status) ?? 0) + 1);
          if (res.status >= 500) failures.push(`${route.method} ${route.path} ${JSON.stringify(input).slice(0, 300)} -> ${res.status}`);
        } catch (error) {
          failures.push(`${route.method} ${route.path} ${JSON.stringify(input).slice(0, 300)} -> no answer: ${String(error).slice(0, 200)}`);
        }
        return true;
      }),
      { numRuns: runs },
    );
  }
  expect({ failed: failures.length, first: failures.slice(0, 10) }).toEqual({ failed: 0, first: [] });
  expect(sent.total).toBeGreaterThanOrEqual(10_000);
  // Still alive and still itself: the client's projects and the console answer.
  expect((await a.clientAgent.get(`${a.base}/`)).status).toBe(200);
  expect((await a.staffAgent.get(`${a.base}/admin`)).status).toBe(200);
});
