import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../config";
import { composeGateway } from "../../src/compose";
import type { Gateway } from "../../src/compose";
import { createLogger } from "../../src/platform/logger";
import { connectDemoPsa, connectPsa, createFirm, createPortalAccount, TEST_PASSWORD } from "../helpers/seed";
import { addAcmeAndBeacon, connectwiseSettings, startFakeConnectwise } from "../helpers/fake-connectwise";
import type { FakePsa } from "../helpers/fake-connectwise";
import { fakeDns } from "../helpers/fake-dns";
import { syncNow } from "../helpers/sync";
import { missingBinaries, startPostgres, startRedis } from "./services";
import type { Service } from "./services";

// Faults with real processes: Redis stopped and restarted, PostgreSQL restarted, both under a steady load, and two
// gateway instances behind a round-robin proxy on one PostgreSQL and one Redis; and a PSA (ConnectWise, behind nock
// in this process) down, slow, flapping and throttling under a steady load. What must hold: every request is
// answered (200, a redirect, 401 or 503, never a 500 and never left hanging), the gateway recovers by itself, no
// sign-in event is lost for an attempt that was answered, and the two instances behave as one.

const missing = missingBinaries();
if (missing.length > 0) {
  console.warn(`test:faults skipped: not installed: ${missing.join(", ")}. .ci/run installs them.`);
}
const suite = missing.length > 0 ? describe.skip : describe;
jest.setTimeout(300_000);

const SECRETS_KEY = crypto.createHash("sha256").update("faults").digest("base64");

interface Instance {
  gateway: Gateway;
  server: http.Server;
  port: number;
}

async function startInstance(databaseUrl: string, redisUrl: string, migrate: boolean): Promise<Instance> {
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    SEED_DEMO: "false",
    DATA_DIR: path.join(os.tmpdir(), "gw-faults"),
    SESSION_SECRET: "faults-session-secret-that-is-long-enough-0123456789",
    CONNECTOR_SECRETS_KEY: SECRETS_KEY,
    // Every page load asks the PSA (nothing cached between loads), so the PSA's faults reach the page loads.
    COMPANY_CACHE_SECONDS: "0",
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    // The load signs in from one address all along: the per-IP limit is not what is under test here.
    IP_MAX_FAILURES: "1000000",
  });
  // The fake PSA's host resolves to a public address, so the connectors' address guard lets it through to nock.
  const gateway = await composeGateway(config, createLogger("silent"), { migrate, keyPrefix: "faults:", resolveHost: fakeDns() });
  const server = http.createServer(gateway.app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { gateway, server, port: (server.address() as AddressInfo).port };
}

/** A small round-robin proxy on loopback: each request goes to the next instance, no stickiness at all. */
async function startRoundRobin(ports: number[]): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0;
  const server = http.createServer((req, res) => {
    const port = ports[next++ % ports.length] as number;
    const upstream = http.request({ host: "127.0.0.1", port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => (res.headersSent ? res.destroy() : res.writeHead(502).end()));
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A browser of sorts: keeps its cookies, reads CSRF tokens, never waits more than 15 s for an answer. */
function browser(baseUrl: string) {
  // Every cookie by name, as a browser keeps them: the session's, and the CSRF cookie a signed-in page sets.
  const jar = new Map<string, string>();
  const send = async (pathname: string, form?: Record<string, string>) => {
    const res = await fetch(`${baseUrl}${pathname}`, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: { ...(jar.size ? { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") } : {}), ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      body: form ? new URLSearchParams(form).toString() : undefined,
      signal: AbortSignal.timeout(15_000),
    });
    for (const set of res.headers.getSetCookie()) {
      const [pair = ""] = set.split(";");
      const at = pair.indexOf("=");
      if (at > 0) jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return { status: res.status, text: await res.text() };
  };
  return {
    send,
    async signIn(base: string, email: string, password: string) {
      const page = await send(`${base}/login`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
      if (!csrf) return page;
      return send(`${base}/login`, { _csrf: csrf, email, password });
    },
  };
}

suite("faults on real PostgreSQL and Redis processes", () => {
  let redis: Service;
  let postgres: Service;
  let one: Instance;
  let two: Instance;
  let proxy: { url: string; close(): Promise<void> };
  let base: string;
  let email: string;
  let firmId: string;

  beforeAll(async () => {
    redis = await startRedis(6416);
    postgres = await startPostgres(55416);
    one = await startInstance(postgres.url, redis.url, true);
    two = await startInstance(postgres.url, redis.url, false);
    proxy = await startRoundRobin([one.port, two.port]);
    const firm = await connectDemoPsa(one.gateway.db, await createFirm(one.gateway.db));
    firmId = firm.id;
    base = `/portal/${firm.slug}`;
    email = (await createPortalAccount(one.gateway.db, firm, { email: "omar@acme.com" })).email;
  });
  afterAll(async () => {
    await proxy?.close();
    for (const instance of [one, two]) {
      instance?.server.close();
      await instance?.gateway.close();
    }
    await redis?.destroy();
    await postgres?.destroy();
  });

  test("two instances behind a round-robin proxy: one session works on both, and the lockout counts across both", async () => {
    const client = browser(proxy.url);
    expect((await client.signIn(base, email, TEST_PASSWORD)).status).toBe(303);
    // Every other request lands on the other instance: no sticky sessions needed, the session is in Redis.
    for (let i = 0; i < 6; i++) expect((await client.send(`${base}/`)).status).toBe(200);

    const target = (await createPortalAccount(one.gateway.db, { id: firmId } as never, { email: `locked-${crypto.randomBytes(3).toString("hex")}@example.com` })).email;
    for (let i = 0; i < 5; i++) expect((await browser(proxy.url).signIn(base, target, `wrong guess ${i}`)).status).toBe(401);
    // Five failures spread over two instances are five failures: the right password is now refused as locked.
    expect((await browser(proxy.url).signIn(base, target, TEST_PASSWORD)).status).toBe(429);
  });

  test("one job leader: a firm being synced by one instance is skipped by the other", async () => {
    const held = await one.gateway.store.setIfAbsent(`job:psa-sync:${firmId}`, "instance-one", 60_000);
    expect(held).toBe(true);
    const report = await two.gateway.sync.runNow();
    expect(report.find((entry) => entry.firmId === firmId)?.outcome.kind).toBe("skipped_elsewhere");
    await one.gateway.store.delete(`job:psa-sync:${firmId}`);
    const after = await two.gateway.sync.runNow();
    expect(after.find((entry) => entry.firmId === firmId)?.outcome).toMatchObject({ kind: "finished", status: "succeeded" });
  });

  /** Page loads and sign-in attempts through the proxy until `stop` is called; every answer is counted. */
  function steadyLoad() {
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const answered: string[] = [];
    let running = true;
    const reader = browser(proxy.url);
    const loops = [
      (async () => {
        await reader.signIn(base, email, TEST_PASSWORD);
        while (running) {
          const res = await reader.send(`${base}/`).catch((error: unknown) => ({ status: -1, text: String(error) }));
          if (res.status === 303) await reader.signIn(base, email, TEST_PASSWORD).catch(() => undefined); // signed out by a lost session: sign in again
          count(res.status, `GET ${base}/`, res.text);
        }
      })(),
      (async () => {
        while (running) {
          const address = `load-${crypto.randomBytes(6).toString("hex")}@example.com`;
          const res = await browser(proxy.url)
            .signIn(base, address, "a wrong password 123")
            .catch((error: unknown) => ({ status: -1, text: String(error) }));
          if (res.status === 401) answered.push(address);
          count(res.status, `POST ${base}/login`, res.text);
        }
      })(),
    ];
    function count(status: number, what: string, text: string) {
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      // 403 only for a sign-in whose form was served in the moment Redis went away: that form's session (its CSRF
      // token) could not be saved, so the post is refused with "Please try again" and nothing is lost.
      const allowed = what.startsWith("POST") ? [200, 303, 401, 403, 503] : [200, 303, 401, 503];
      if (!allowed.includes(status)) failures.push(`${what} -> ${status} ${text.slice(0, 200)}`);
    }
    return {
      statuses,
      failures,
      answered,
      seen: (status: number) => statuses.get(status) ?? 0,
      async stop() {
        running = false;
        await Promise.all(loops);
      },
    };
  }

  async function until(condition: () => boolean, tries = 600): Promise<void> {
    for (let i = 0; i < tries && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(condition()).toBe(true);
  }

  test("the PSA down, slow, flapping and throttling (429) under load: every page load of a client the sync has seen answers, from the snapshot when it must", async () => {
    const psa: FakePsa = startFakeConnectwise();
    let firmIdOfTest: string | null = null;
    try {
      addAcmeAndBeacon(psa);
      const emails = ["ana@acme.com", "ben@acme.com", "cy@beacon.com", "di@beacon.com"];
      emails.forEach((email, i) => psa.contacts.push({ id: 700 + i, first: "Client", last: String(i), emails: [email], companyId: i < 2 ? 250 : 251 }));
      const firm = await connectPsa(one.gateway.db, await createFirm(one.gateway.db), "connectwise", connectwiseSettings, SECRETS_KEY);
      firmIdOfTest = firm.id;
      for (const email of emails) await createPortalAccount(one.gateway.db, firm, { email });
      expect(await syncNow(one.gateway, firm)).toMatchObject({ status: "succeeded", counts: { linked: 4 } });

      const clients = emails.map(() => browser(proxy.url));
      for (const [i, client] of clients.entries()) expect((await client.signIn(`/portal/${firm.slug}`, emails[i] as string, TEST_PASSWORD)).status).toBe(303);
      const failures: string[] = [];
      const served = { fresh: 0, snapshot: 0 };
      let phase = "up";
      let running = true;
      const loops = clients.map(async (client, i) => {
        const company = i < 2 ? "Acme Corp" : "Beacon Builders";
        while (running) {
          const res = await client.send(`/portal/${firm.slug}/api/projects`).catch((error: unknown) => ({ status: -1, text: String(error) }));
          const body = res.status === 200 ? (JSON.parse(res.text) as { stale: boolean; company: { name: string } | null; projects: unknown[] }) : null;
          if (!body || body.company?.name !== company || body.projects.length !== 1) failures.push(`${phase}: ${emails[i]} -> ${res.status} ${res.text.slice(0, 160)}`);
          else served[body.stale ? "snapshot" : "fresh"] += 1;
        }
      });
      const loadsFor = async (name: string, loads: number, during?: () => void) => {
        phase = name;
        const start = served.fresh + served.snapshot + failures.length;
        const timer = during ? setInterval(during, 100) : null;
        await until(() => served.fresh + served.snapshot + failures.length >= start + loads, 2400);
        if (timer) clearInterval(timer);
      };
      await loadsFor("up", 20);
      const askedWhileUp = psa.calls.contacts;
      psa.mode = "down";
      await loadsFor("down", 20);
      psa.mode = "stalled";
      await loadsFor("slow", 8);
      psa.mode = "throttled";
      await loadsFor("throttled (429)", 20);
      await loadsFor("flapping", 30, () => (psa.mode = psa.mode === "up" ? "down" : "up"));
      psa.mode = "up";
      // Back up: fresh answers return by themselves once the circuit's open spell (30 s) ends.
      phase = "back up";
      const freshBefore = served.fresh;
      await until(() => served.fresh >= freshBefore + 10, 2400);
      running = false;
      await Promise.all(loops);

      expect(failures).toEqual([]);
      // Not vacuous: the PSA was asked during the faults, pages came from the snapshot, and fresh answers came back.
      expect(psa.calls.contacts).toBeGreaterThan(askedWhileUp);
      expect(served.snapshot).toBeGreaterThan(0);
      expect(served.fresh).toBeGreaterThan(freshBefore);
    } finally {
      psa.mode = "up";
      // Gone with the fake PSA: a later scheduled sync must not try the made-up host for real.
      if (firmIdOfTest) await one.gateway.db.firm.delete({ where: { id: firmIdOfTest } });
      psa.stop();
    }
  });

  test.each([
    ["Redis", () => redis],
    ["PostgreSQL", () => postgres],
  ])("%s stopped and restarted under load: 503s while down, recovery without anyone acting, no answered sign-in lost", async (_name, service) => {
    const load = steadyLoad();
    await until(() => load.seen(200) >= 10);
    await service().stop();
    const okBefore = load.seen(200);
    await until(() => load.seen(503) >= 10);
    await service().start();
    await until(() => load.seen(200) >= okBefore + 10);
    await load.stop();

    expect(load.failures).toEqual([]);
    expect(load.seen(403)).toBeLessThanOrEqual(3);
    // Every wrong-password attempt answered 401 is in the audit trail, once (a 503 was refused before any check).
    expect(load.answered.length).toBeGreaterThan(0);
    const events = await one.gateway.db.signInEvent.findMany({ where: { firmId, emailNormalized: { in: load.answered } } });
    expect(new Set(events.map((event) => event.emailNormalized)).size).toBe(load.answered.length);
  });
});
