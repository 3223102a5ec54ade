import request from "supertest";
import { createClient } from "redis";
import type { Firm } from "../../../src/generated/prisma/client";
import { startTestGateway } from "../../helpers/test-gateway";
import { createFirm, createPortalAccount, TEST_PASSWORD } from "../../helpers/seed";
import { csrfFrom, signIn } from "../../helpers/forms";

/*
 * Issue 14, finding 6: every anonymous look at a sign-in page used to write a session row kept 12 hours.
 * A session is now created only when there is something to keep (a sign-in); the CSRF token of an anonymous
 * form lives in a signed cookie.
 */

let gw: Awaited<ReturnType<typeof startTestGateway>>;
let firm: Firm;
let base: string;

beforeAll(async () => {
  gw = await startTestGateway();
  firm = await createFirm(gw.db);
  base = `/portal/${firm.slug}`;
});
afterAll(() => gw.close());

/** Sessions stored for this gateway: rows of the `session` table, or keys under its prefix in Redis. */
async function storedSessions(): Promise<number> {
  if (!process.env.TEST_REDIS_URL) {
    const [row] = await gw.db.$queryRaw<Array<{ count: bigint }>>`SELECT count(*) AS count FROM "session"`;
    return Number(row?.count ?? 0);
  }
  const client = createClient({ url: process.env.TEST_REDIS_URL });
  await client.connect();
  try {
    let count = 0;
    for await (const keys of client.scanIterator({ MATCH: `${gw.keyPrefix}sess:*`, COUNT: 1000 })) count += keys.length;
    return count;
  } finally {
    await client.quit();
  }
}

describe("anonymous visitors store nothing on the server", () => {
  test("300 anonymous looks at the sign-in, forgot and magic-link pages create no session; a sign-in creates one", async () => {
    const before = await storedSessions();
    // Ten browsers at a time, each looking at the three pages.
    for (let round = 0; round < 10; round++) {
      const looks = await Promise.all(Array.from({ length: 30 }, (_, i) => request(gw.app).get(`${base}/${["login", "forgot", "magic"][i % 3]}`)));
      for (const res of looks) {
        expect(res.status).toBe(200);
        expect(csrfFrom(res.text)).toBeTruthy();
        expect(String(res.headers["set-cookie"] ?? "")).not.toContain("portal.sid=");
      }
    }
    expect(await storedSessions()).toBe(before);

    const account = await createPortalAccount(gw.db, firm);
    expect((await signIn(gw.agent(), base, account.email, TEST_PASSWORD)).status).toBe(303);
    expect(await storedSessions()).toBe(before + 1);
  }, 120_000);

  test("a form posted without its token, or with a token its cookie does not match, is refused", async () => {
    const account = await createPortalAccount(gw.db, firm);
    const form = { email: account.email, password: TEST_PASSWORD };
    const noToken = await gw.agent().post(`${base}/login`).type("form").send(form);
    expect(noToken.status).toBe(403);
    expect(noToken.text).toContain("This form expired or was sent from another site");

    // A token read from the page, posted without the cookie it was issued with (a cross-site form would be).
    const page = await request(gw.app).get(`${base}/login`);
    const withoutCookie = await request(gw.app).post(`${base}/login`).type("form").send({ ...form, _csrf: csrfFrom(page.text) });
    expect(withoutCookie.status).toBe(403);

    // A token and cookie of one browser, the cookie of another.
    const other = gw.agent();
    await other.get(`${base}/login`);
    const mixed = await other.post(`${base}/login`).type("form").send({ ...form, _csrf: csrfFrom(page.text) });
    expect(mixed.status).toBe(403);
    expect(await gw.db.signInEvent.count({ where: { firmId: firm.id, emailNormalized: account.email } })).toBe(0);
  });

  test("a signed-in form's token works only with its own session", async () => {
    const account = await createPortalAccount(gw.db, firm);
    const agent = gw.agent();
    await signIn(agent, base, account.email, TEST_PASSWORD);
    const home = await agent.get(`${base}/`);
    const token = csrfFrom(home.text);
    // Another session of the same account, with this browser's token pasted in: refused.
    const elsewhere = gw.agent();
    await signIn(elsewhere, base, account.email, TEST_PASSWORD);
    expect((await elsewhere.post(`${base}/logout`).type("form").send({ _csrf: token })).status).toBe(403);
    // The browser it was issued to signs out with it.
    const out = await agent.post(`${base}/logout`).type("form").send({ _csrf: token });
    expect(out.status).toBe(303);
    expect((await agent.get(`${base}/`)).status).toBe(303);
  });
});
