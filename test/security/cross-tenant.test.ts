import crypto from "node:crypto";
import { fillPath, listRoutes } from "../helpers/route-table";
import type { TestGateway } from "../helpers/test-gateway";
import { csrfOf, seedSuiteFirm, startSuiteGateway } from "./harness";
import { classify } from "./route-classes";
import type { SuiteFirm } from "./harness";

// The cross-tenant matrix, generated from the app's own router: every route is classified (a route nobody
// classified fails the suite, so a route added later must be placed here), then attacked from firm B with firm
// B's client session, firm B's staff session, and firm A's ids, link tokens and webhook address. Zero leaks: no
// answer to B carries anything of A's (names, emails, ids, tokens, secrets), and each answers with a refusal status.

let gw: TestGateway;
let logText: () => string;
let secrets: Set<string>;
let a: SuiteFirm;
let b: SuiteFirm;

beforeAll(async () => {
  ({ gw, logText, secrets } = await startSuiteGateway());
  a = await seedSuiteFirm(gw, secrets);
  b = await seedSuiteFirm(gw, secrets);
}, 120_000);
afterAll(async () => {
  if (!gw) return;
  await gw.close();
  for (const secret of secrets) expect(logText()).not.toContain(secret);
});

const leaksOf = (owner: SuiteFirm, text: string) => owner.markers.filter((marker) => text.includes(marker));
const refusal = [303, 400, 401, 403, 404, 410];

test("every route the app serves is classified", () => {
  const routes = listRoutes(gw.app);
  expect(routes.length).toBeGreaterThan(30);
  expect(routes.filter((route) => !classify(route)).map((route) => `${route.method} ${route.path}`)).toEqual([]);
});

/** Ids of records the attacker does not own (API tokens, staff, emails, sync runs, logos): each route must refuse them. */
const otherIds = () => ({ tokenId: crypto.randomUUID(), staffId: crypto.randomUUID(), emailId: crypto.randomUUID(), runId: crypto.randomUUID(), hash: "0".repeat(64), domain: "portal.example.com" });

test("firm B's client and staff sessions get nothing of firm A's on any of firm A's routes", async () => {
  const routes = listRoutes(gw.app).filter((route) => ["client", "staff"].includes(classify(route) as string));
  const findings: string[] = [];
  for (const [who, agent, home] of [["B's client", b.clientAgent, `${b.base}/`], ["B's staff", b.staffAgent, `${b.base}/admin`]] as const) {
    const csrf = await csrfOf(agent, home);
    for (const route of routes) {
      const url = fillPath(route.path, { ...otherIds(), slug: a.firm.slug, accountId: a.client.id, id: "P-1001", template: "owner" });
      const res = route.method === "GET" ? await agent.get(url) : await agent.post(url).type("form").send({ _csrf: csrf, email: a.client.email, accessOn: "false", template: "owner" });
      const leaks = leaksOf(a, res.text + JSON.stringify(res.headers));
      if (!refusal.includes(res.status) || leaks.length > 0) findings.push(`${who}: ${route.method} ${url} -> ${res.status}, leaks ${JSON.stringify(leaks)}`);
    }
  }
  expect(findings).toEqual([]);
});

test("firm B's staff, on firm B's own console, cannot reach firm A's accounts by id", async () => {
  const routes = listRoutes(gw.app).filter((route) => classify(route) === "staff" && route.path.includes(":accountId"));
  expect(routes.length).toBeGreaterThan(4);
  const csrf = await csrfOf(b.staffAgent, `${b.base}/admin`);
  const findings: string[] = [];
  for (const route of routes) {
    const url = fillPath(route.path, { ...otherIds(), slug: b.firm.slug, accountId: a.client.id, id: "P-1001" });
    const res = route.method === "GET" ? await b.staffAgent.get(url) : await b.staffAgent.post(url).type("form").send({ _csrf: csrf, accessOn: "false", template: "owner", dateOfBirth: "1980-01-01" });
    const leaks = leaksOf(a, res.text);
    if (res.status !== 404 || leaks.length > 0) findings.push(`${route.method} ${url} -> ${res.status}, leaks ${JSON.stringify(leaks)}`);
  }
  expect(findings).toEqual([]);
  // And nothing of A's changed: the client is still active and can still sign in.
  expect((await gw.db.portalAccount.findUniqueOrThrow({ where: { id: a.client.id } })).status).toBe("active");
  expect((await a.clientAgent.get(`${a.base}/`)).status).toBe(200);
});

test("firm A's link tokens do nothing on firm B's portal, and say nothing of A", async () => {
  const routes = listRoutes(gw.app).filter((route) => classify(route) === "link");
  const findings: string[] = [];
  for (const route of routes) {
    const kind = /\/(claim|reset|magic|confirm)\//.exec(route.path)?.[1] as keyof SuiteFirm["tokens"];
    const url = fillPath(route.path, { slug: b.firm.slug, token: a.tokens[kind] });
    const res = route.method === "GET" ? await gw.agent().get(url) : await gw.agent().post(url).type("form").send({ password: "violet tractor umbrella 42", confirm: "violet tractor umbrella 42" });
    // Whoever holds A's token is sent to A's portal by name (the token is the proof: dead-link.ts), and nothing else.
    const allowed = [a.firm.name, a.tokens[kind]];
    const leaks = leaksOf(a, res.text + JSON.stringify(res.headers)).filter((marker) => !allowed.includes(marker));
    if (!refusal.includes(res.status) || leaks.length > 0) findings.push(`${route.method} ${route.path} -> ${res.status}, leaks ${JSON.stringify(leaks)}`);
  }
  expect(findings).toEqual([]);
  // Each of A's links still works on A's portal: B's tries did not use them up.
  expect((await gw.agent().get(`${a.base}/magic/${a.tokens.magic}`)).status).toBe(200);
  expect(await gw.db.accessLink.count({ where: { firmId: a.firm.id, usedAt: { not: null } } })).toBe(0);
});

test("the admin API answers no cookie: firm B's client and staff sessions, without a token, get 401 and nothing of A's", async () => {
  const routes = listRoutes(gw.app).filter((route) => classify(route) === "token");
  expect(routes.length).toBeGreaterThan(5);
  const findings: string[] = [];
  for (const agent of [b.clientAgent, b.staffAgent, a.staffAgent]) {
    for (const route of routes) {
      const url = fillPath(route.path, { ...otherIds(), accountId: a.client.id });
      const method = route.method.toLowerCase() as "get" | "post" | "patch";
      const res = await agent[method](url).set("Accept", "application/json").send({ email: a.client.email });
      const leaks = leaksOf(a, res.text);
      if (res.status !== 401 || leaks.length > 0) findings.push(`${route.method} ${url} -> ${res.status}, leaks ${JSON.stringify(leaks)}`);
    }
  }
  expect(findings).toEqual([]);
});

test("firm A's webhook address with firm B's secret, or no secret, is refused and changes nothing", async () => {
  const attempts = [`/webhooks/psa/${a.firm.id}/${b.webhookSecret}`, `/webhooks/psa/${a.firm.id}/${crypto.randomBytes(24).toString("base64url")}`, `/webhooks/psa/${b.firm.id}/${a.webhookSecret}`];
  for (const url of attempts) {
    const res = await gw.agent().post(url).send({ ID: 250, Type: "Company", Action: "updated" });
    expect(refusal).toContain(res.status);
    expect(leaksOf(a, res.text)).toEqual([]);
  }
});
