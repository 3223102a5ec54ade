import crypto from "node:crypto";
import { Writable } from "node:stream";
import { createLogger } from "../../../src/platform/logger";
import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createTestDatabase } from "../../helpers/test-database";
import type { TestDatabase } from "../../helpers/test-database";
import { startCuttableProxy } from "../../helpers/cuttable-proxy";
import type { CuttableProxy } from "../../helpers/cuttable-proxy";
import { createFirm, createPortalAccount, TEST_PASSWORD } from "../../helpers/seed";
import { csrfFrom, signIn } from "../../helpers/forms";

// An outage of the database or of Redis is the operator's problem, not the visitor's: every request answers at
// once with 503 service_unavailable (never a 500, never a request left hanging until the service returns),
// /readyz names what is down, and the log says so in ONE line when it goes down and one when it is back,
// however many requests fail in between. The outage is a TCP proxy in front of the service, cut and restored.

interface LogLine {
  level: number;
  msg: string;
  dependency?: string;
}

function logCapture() {
  const lines: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { lines, logger: createLogger("info", sink) };
}

async function openForm(gw: TestGateway, base: string) {
  const agent = gw.agent();
  const page = await agent.get(`${base}/login`);
  return { agent, csrf: csrfFrom(page.text) };
}

/** Ask /readyz up to `tries` times, 200 ms apart, until it answers 200. */
async function readyWithin(gw: TestGateway, tries: number): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if ((await gw.agent().get("/readyz")).status === 200) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

async function outageScenario(name: "database" | "store", proxied: { database: string; redis?: string }) {
  const log = logCapture();
  const proxy = await startCuttableProxy(name === "database" ? proxied.database : (proxied.redis as string));
  const database: TestDatabase = { url: name === "database" ? proxy.url : proxied.database, drop: async () => undefined };
  const gw = await startTestGateway({
    share: { database, keyPrefix: `gwt:${crypto.randomBytes(4).toString("hex")}:` },
    env: name === "store" ? { REDIS_URL: proxy.url } : {},
    logger: log.logger,
  });
  return { gw, proxy, log };
}

async function runOutage(gw: TestGateway, proxy: CuttableProxy, log: ReturnType<typeof logCapture>, dependency: "database" | "store") {
  const firm = await createFirm(gw.db);
  const base = `/portal/${firm.slug}`;
  const account = await createPortalAccount(gw.db, firm);
  const forms = await Promise.all(Array.from({ length: 6 }, () => openForm(gw, base)));
  const signedIn = gw.agent();
  expect((await signIn(signedIn, base, account.email, TEST_PASSWORD)).status).toBe(303);
  const before = log.lines.length;

  await proxy.cut();
  for (const { agent, csrf } of forms) {
    const answer = await agent.post(`${base}/login`).type("form").send({ _csrf: csrf, email: account.email, password: TEST_PASSWORD });
    expect(answer.status).toBe(503);
    expect(answer.text).toContain("temporarily unavailable");
  }
  // The sign-in page itself may still show (the firm is cached, and a visitor without a cookie loads no session).
  expect([200, 503]).toContain((await gw.agent().get(`${base}/login`)).status);
  const json = await signedIn.get(`${base}/api/projects`).set("Accept", "application/json");
  expect(json.status).toBe(503);
  expect(json.body.error.code).toBe("service_unavailable");
  const ready = await gw.agent().get("/readyz");
  expect(ready.status).toBe(503);
  expect(JSON.stringify(ready.body.checks)).toContain("unreachable");

  const duringOutage = log.lines.slice(before);
  expect(duringOutage).toHaveLength(1);
  expect(duringOutage[0]).toMatchObject({ dependency, msg: expect.stringContaining("unreachable") });

  await proxy.restore();
  // Back without anyone doing anything: the clients reconnect by themselves (Redis's after a short back-off).
  expect(await readyWithin(gw, 50)).toBe(true);
  expect((await signIn(gw.agent(), base, account.email, TEST_PASSWORD)).status).toBe(303);
  const afterOutage = log.lines.slice(before + 1);
  expect(afterOutage).toHaveLength(1);
  expect(afterOutage[0]).toMatchObject({ dependency, msg: expect.stringContaining("back") });
}

// Redis only when TEST_REDIS_URL names one (npm run test:services); the database always (PGlite or PostgreSQL).
const outages = [
  { name: "the database", dependency: "database" as const },
  ...(process.env.TEST_REDIS_URL ? [{ name: "Redis", dependency: "store" as const }] : []),
];

describe.each(outages)("$name goes away and comes back", ({ dependency }) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  test("503 at once for every request (never a wait for the service), /readyz says so, one log line down and one back up", async () => {
    const { gw, proxy, log } = await outageScenario(dependency, { database: database.url, redis: process.env.TEST_REDIS_URL });
    try {
      await runOutage(gw, proxy, log, dependency);
    } finally {
      await gw.close();
      await proxy.close();
    }
  });

  test("a connection reset under a sign-in in flight: 503, not a 500, and the one log line names the service that went away", async () => {
    const { gw, proxy, log } = await outageScenario(dependency, { database: database.url, redis: process.env.TEST_REDIS_URL });
    try {
      const firm = await createFirm(gw.db);
      const base = `/portal/${firm.slug}`;
      const account = await createPortalAccount(gw.db, firm);
      const { agent, csrf } = await openForm(gw, base);
      const before = log.lines.length;
      // The service gets the sign-in's request but its answer never comes back; then the connection is reset. The
      // client rejects what was in flight with the socket's bare ECONNRESET (no driver error around it).
      proxy.holdAnswers();
      const sentBefore = proxy.bytesSent();
      const answer = agent.post(`${base}/login`).type("form").send({ _csrf: csrf, email: account.email, password: TEST_PASSWORD }).then((res) => res);
      for (let i = 0; i < 200 && proxy.bytesSent() === sentBefore; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(proxy.bytesSent()).toBeGreaterThan(sentBefore);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the sign-in has reached its first query by now: held there
      await proxy.cut({ reset: true });
      const res = await answer;
      expect(res.status).toBe(503);
      expect(res.text).toContain("temporarily unavailable");
      const duringOutage = log.lines.slice(before);
      expect(duringOutage).toEqual([expect.objectContaining({ dependency, msg: expect.stringContaining("unreachable") })]);

      await proxy.restore();
      expect(await readyWithin(gw, 50)).toBe(true);
      expect((await signIn(gw.agent(), base, account.email, TEST_PASSWORD)).status).toBe(303);
    } finally {
      await gw.close();
      await proxy.close();
    }
  });
});
