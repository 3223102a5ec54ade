import request from "supertest";
import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm, createPortalAccount, createStaffAccount, renameFirm } from "../../helpers/seed";
import { issueLinkPath, NEW_PASSWORD } from "../../helpers/links";

let gw: TestGateway;
let firm: Firm;
let base: string;

beforeAll(async () => ({ gw, firm, base } = await startGatewayWithFirm()));
afterAll(() => gw.close());

const reasons = async (accountId: string) => (await gw.db.signInEvent.findMany({ where: { portalAccountId: accountId }, orderBy: { at: "asc" } })).map((e) => e.reason);
const invited = (f: Firm = firm) => createPortalAccount(gw.db, f, { status: "invited", withPassword: false, confirmed: false });

describe("dead links explain themselves", () => {
  test("expired: 410, the date it expired, and a button that emails a fresh link to the address on file", async () => {
    const account = await invited();
    const issuedAt = new Date(Date.now() - 8 * 24 * 3_600_000);
    const { path, linkId } = await issueLinkPath(gw, firm, account, "invite_client", { now: issuedAt });
    const expiresAt = (await gw.db.accessLink.findUniqueOrThrow({ where: { id: linkId } })).expiresAt;
    const res = await request(gw.app).get(path);
    expect(res.status).toBe(410);
    expect(res.text).toContain("This link expired on");
    expect(res.text).toContain(expiresAt.toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }));
    expect(res.text).toContain(`action="${path}/renew"`);
    expect(res.text).toContain(`${account.email.slice(0, 1)}•••@example.com`);
    expect(await reasons(account.id)).toEqual(["link_expired"]);

    // The button: a cookie-less POST, like the claim itself.
    const renew = await request(gw.app).post(`${path}/renew`).type("form").send({});
    expect(renew.status).toBe(200);
    expect(renew.text).toContain("We emailed a new link");
    const links = await gw.db.accessLink.findMany({ where: { portalAccountId: account.id }, orderBy: { createdAt: "asc" } });
    expect(links).toHaveLength(2);
    const fresh = links[1];
    expect(fresh?.kind).toBe("invite_client");
    expect(fresh?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3_600_000);
    expect(await gw.db.outboxEmail.count({ where: { accessLinkId: fresh?.id, toAddress: account.email } })).toBe(1);
    // Nothing else about the account changed.
    expect(await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } })).toMatchObject({ status: "invited", passwordHash: null });
  });

  test("already used: 410, the date it was used, and the way to sign in", async () => {
    const account = await invited();
    const { path } = await issueLinkPath(gw, firm, account, "invite_client");
    expect((await request(gw.app).post(path).type("form").send({ password: NEW_PASSWORD })).status).toBe(303);
    const res = await request(gw.app).get(path);
    expect(res.status).toBe(410);
    expect(res.text).toMatch(/This link was used on \w+ \d+, \d{4} at \d{1,2}:\d\d [AP]M UTC\. Sign in with your email and password\./);
    expect(res.text).not.toContain("Email me a new sign-in link"); // an invite is not a sign-in link
    expect(res.text).toContain(`href="${base}/login"`);
    expect(await reasons(account.id)).toEqual(["invite_claim", "link_used"]);
  });

  test("superseded: resending revokes the earlier link, whose page names the date of the newer one", async () => {
    const account = await invited();
    const older = await issueLinkPath(gw, firm, account, "invite_client", { now: new Date(Date.now() - 3_600_000) });
    const newer = await issueLinkPath(gw, firm, account, "invite_client");
    const res = await request(gw.app).get(older.path);
    expect(res.status).toBe(410);
    expect(res.text).toContain("A newer link was sent on");
    expect(res.text).toContain("use the newest email");
    expect((await request(gw.app).get(newer.path)).status).toBe(200);
    expect(await reasons(account.id)).toEqual(["link_superseded"]);
    // A POST of the old link does not claim anything either.
    expect((await request(gw.app).post(older.path).type("form").send({ password: NEW_PASSWORD })).status).toBe(410);
    expect((await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } })).passwordHash).toBeNull();
  });

  test("another firm's link on this portal: 404, 'belongs to a different portal', and the right portal's address", async () => {
    const other = await createFirm(gw.db);
    const account = await invited(other);
    const { path, token } = await issueLinkPath(gw, other, account, "invite_client");
    const res = await request(gw.app).get(`${base}/claim/${token}`);
    expect(res.status).toBe(404);
    expect(res.text).toContain("This link belongs to a different portal");
    expect(res.text).toContain(`http://localhost:${gw.config.PORT}${path}`);
    expect(res.text).toContain(other.name);
    // Recorded for the firm that owns the link, and the link still works on its own portal.
    const events = await gw.db.signInEvent.findMany({ where: { portalAccountId: account.id } });
    expect(events.map((e) => [e.firmId, e.reason])).toEqual([[other.id, "link_wrong_firm"]]);
    expect((await request(gw.app).get(path)).status).toBe(200);
  });

  test("unknown token: 404 'This link is not valid', for made-up, truncated and wrong-kind tokens", async () => {
    const account = await invited();
    const { token } = await issueLinkPath(gw, firm, account, "invite_client");
    for (const path of [`${base}/claim/${"A".repeat(43)}`, `${base}/claim/${token.slice(0, 30)}`, `${base}/reset/${token}`, `${base}/magic/not-a-token`]) {
      const res = await request(gw.app).get(path);
      expect(res.status).toBe(404);
      expect(res.text).toContain("This link is not valid");
    }
    const json = await request(gw.app).get(`${base}/claim/${"A".repeat(43)}`).set("Accept", "application/json");
    expect(json.body.error.code).toBe("link_not_valid");
  });

  test("a disabled account's link says access is turned off (403) and claims nothing", async () => {
    const account = await createPortalAccount(gw.db, firm, { status: "disabled" });
    const { path } = await issueLinkPath(gw, firm, account, "reset");
    const res = await request(gw.app).post(path).type("form").send({ password: NEW_PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain("turned off");
  });
});

describe("link lifetimes and slugs", () => {
  test("defaults: client invite 7 days, staff invite 1 hour, reset 1 hour, magic 15 minutes, confirm 24 hours", async () => {
    const account = await createPortalAccount(gw.db, firm);
    const staff = await createStaffAccount(gw.db, firm, { role: "support", status: "invited", withPassword: false });
    const minutes = async (kind: "invite_client" | "reset" | "magic" | "confirm" | "invite_staff") => {
      const { linkId } = await issueLinkPath(gw, firm, kind === "invite_staff" ? staff : account, kind, { staff: kind === "invite_staff" });
      const link = await gw.db.accessLink.findUniqueOrThrow({ where: { id: linkId } });
      return (link.expiresAt.getTime() - link.createdAt.getTime()) / 60_000;
    };
    expect(await minutes("invite_client")).toBe(7 * 24 * 60);
    expect(await minutes("invite_staff")).toBe(60);
    expect(await minutes("reset")).toBe(60);
    expect(await minutes("magic")).toBe(15);
    expect(await minutes("confirm")).toBe(24 * 60);
  });

  test("a firm can set its own lifetimes", async () => {
    const custom = await createFirm(gw.db, { settings: { linkLifetimesMinutes: { invite_client: 48 * 60, magic: 5 } } });
    const account = await createPortalAccount(gw.db, custom);
    for (const [kind, expected] of [["invite_client", 48 * 60], ["magic", 5], ["reset", 60]] as const) {
      const { linkId } = await issueLinkPath(gw, custom, account, kind);
      const link = await gw.db.accessLink.findUniqueOrThrow({ where: { id: linkId } });
      expect((link.expiresAt.getTime() - link.createdAt.getTime()) / 60_000).toBe(expected);
    }
  });

  test("after a slug change, a link minted under the old slug still works, and new links use the current slug", async () => {
    const renamed = await createFirm(gw.db);
    const account = await invited(renamed);
    const { path: oldPath } = await issueLinkPath(gw, renamed, account, "invite_client");
    const newSlug = `${renamed.slug}-new`;
    await renameFirm(gw.db, renamed, newSlug);
    const get = await request(gw.app).get(oldPath);
    expect(get.status).toBe(301);
    expect(get.headers.location).toBe(oldPath.replace(`/portal/${renamed.slug}/`, `/portal/${newSlug}/`));
    expect((await request(gw.app).get(get.headers.location as string)).status).toBe(200);
    // A form posted to the old URL is redirected with its body (308) and claims the link.
    const post = await request(gw.app).post(oldPath).type("form").send({ password: NEW_PASSWORD });
    expect(post.status).toBe(308);
    const claimed = await request(gw.app).post(post.headers.location as string).type("form").send({ password: NEW_PASSWORD });
    expect(claimed.status).toBe(303);
    expect(claimed.headers.location).toBe(`/portal/${newSlug}/`);

    const fresh = await issueLinkPath(gw, { ...renamed, slug: newSlug }, account, "reset");
    expect(fresh.path.startsWith(`/portal/${newSlug}/reset/`)).toBe(true);
  });
});
