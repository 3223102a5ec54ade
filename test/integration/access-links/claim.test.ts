import crypto from "node:crypto";
import request from "supertest";
import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createPortalAccount, createStaffAccount } from "../../helpers/seed";
import { cookieOf, issueLinkPath, NEW_PASSWORD } from "../../helpers/links";

let gw: TestGateway;
let firm: Firm;
let base: string;

beforeAll(async () => ({ gw, firm, base } = await startGatewayWithFirm()));
afterAll(() => gw.close());

const invited = () => createPortalAccount(gw.db, firm, { status: "invited", withPassword: false, confirmed: false });
const signedIn = async (cookie: string) => (await request(gw.app).get(`${base}/login`).set("Cookie", cookie)).status === 303;

describe("claiming an invite", () => {
  test("a GET, ten refreshes and a HEAD leave the link working; a cookie-less POST then claims it and signs in", async () => {
    const account = await invited();
    const { path } = await issueLinkPath(gw, firm, account, "invite_client");
    const first = await request(gw.app).get(path);
    expect(first.status).toBe(200);
    expect(first.text).toContain("Set up your account");
    expect(first.headers["cache-control"]).toBe("no-store");
    expect(first.headers["referrer-policy"]).toBe("no-referrer");
    // Opening the link starts no session: a scanner leaves nothing behind.
    expect(cookieOf(first)).toBeUndefined();
    for (let i = 0; i < 10; i++) expect((await request(gw.app).get(path)).status).toBe(200);
    expect((await request(gw.app).head(path)).status).toBe(200);

    // A fresh client with no cookie at all, like an in-app browser that dropped it.
    const claim = await request(gw.app).post(path).type("form").send({ password: NEW_PASSWORD });
    expect(claim.status).toBe(303);
    expect(claim.headers.location).toBe(`${base}/`);
    const cookie = cookieOf(claim) as string;
    expect(await signedIn(cookie)).toBe(true);

    const after = await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(after.status).toBe("active");
    expect(after.emailConfirmedAt).not.toBeNull();
    expect(after.passwordHash).toMatch(/^\$argon2id\$/);
    const events = await gw.db.signInEvent.findMany({ where: { portalAccountId: account.id } });
    expect(events.map((e) => e.reason)).toEqual(["invite_claim"]);
    // And the password works for a normal sign-in afterwards.
    const page = await gw.agent().get(`${base}/login`);
    expect(page.status).toBe(200);
  });

  test("a password the policy refuses says why and leaves the link unused", async () => {
    const account = await invited();
    const { path, linkId } = await issueLinkPath(gw, firm, account, "invite_client");
    // The password hint is tied to its field, and so is the problem once there is one.
    const form = await request(gw.app).get(path);
    expect(form.text).toMatch(/<p class="muted" id="password-hint">At least 12 characters\./);
    expect(form.text).toContain('autocomplete="new-password" minlength="12" required aria-describedby="password-hint">');
    const short = await request(gw.app).post(path).type("form").send({ password: "short" });
    expect(short.status).toBe(400);
    expect(short.text).toContain("Use at least 12 characters");
    expect(short.text).toContain('aria-describedby="password-hint form-error" aria-invalid="true"');
    const common = await request(gw.app).post(path).type("form").send({ password: "password1234" });
    expect(common.status).toBe(400);
    expect(common.text).toContain("commonly used passwords");
    expect((await gw.db.accessLink.findUniqueOrThrow({ where: { id: linkId } })).usedAt).toBeNull();
    expect((await request(gw.app).post(path).type("form").send({ password: NEW_PASSWORD })).status).toBe(303);
  });

  test("only the SHA-256 of the token is stored, bound to the firm and the account; the token is 256 random bits", async () => {
    const account = await invited();
    const { token, linkId } = await issueLinkPath(gw, firm, account, "invite_client");
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const row = await gw.db.accessLink.findUniqueOrThrow({ where: { id: linkId } });
    expect(row.tokenHash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    expect(row).toMatchObject({ firmId: firm.id, portalAccountId: account.id, kind: "invite_client" });
    expect(JSON.stringify(row)).not.toContain(token);
  });

  test("fifty simultaneous POSTs of one link: exactly one claims it, the other 49 see 'already used'", async () => {
    const account = await invited();
    const { path } = await issueLinkPath(gw, firm, account, "invite_client");
    const responses = await Promise.all(Array.from({ length: 50 }, () => request(gw.app).post(path).type("form").send({ password: NEW_PASSWORD })));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 303)).toHaveLength(1);
    expect(statuses.filter((s) => s === 410)).toHaveLength(49);
    for (const r of responses.filter((x) => x.status === 410)) expect(r.text).toContain("This link was used on");
    const reasons = (await gw.db.signInEvent.findMany({ where: { portalAccountId: account.id } })).map((e) => e.reason);
    expect(reasons.filter((r) => r === "invite_claim")).toHaveLength(1);
  });

  test("a POST another site makes the browser send is refused, and the link still works", async () => {
    const account = await invited();
    const { path } = await issueLinkPath(gw, firm, account, "invite_client");
    const bySecFetch = await request(gw.app).post(path).set("Sec-Fetch-Site", "cross-site").type("form").send({ password: NEW_PASSWORD });
    expect(bySecFetch.status).toBe(403);
    expect(bySecFetch.text).toContain("sent from another website");
    const byOrigin = await request(gw.app).post(path).set("Origin", "https://evil.example").type("form").send({ password: NEW_PASSWORD });
    expect(byOrigin.status).toBe(403);
    const byReferer = await request(gw.app).post(path).set("Referer", "https://evil.example/page").type("form").send({ password: NEW_PASSWORD });
    expect(byReferer.status).toBe(403);
    const sameOrigin = await request(gw.app).post(path).set("Sec-Fetch-Site", "same-origin").set("Origin", "null").type("form").send({ password: NEW_PASSWORD });
    expect(sameOrigin.status).toBe(303);
  });

  test("claiming also revokes any other open reset link of the account", async () => {
    const account = await invited();
    const reset = await issueLinkPath(gw, firm, account, "reset");
    const invite = await issueLinkPath(gw, firm, account, "invite_client");
    expect((await request(gw.app).post(invite.path).type("form").send({ password: NEW_PASSWORD })).status).toBe(303);
    const old = await request(gw.app).get(reset.path);
    expect(old.status).toBe(410);
    expect(old.text).toContain("password for this account was set with another link");
  });

  test("a staff invite claims into the staff account and lands on the staff page", async () => {
    const staff = await createStaffAccount(gw.db, firm, { role: "admin", status: "invited", withPassword: false });
    const { path, linkId } = await issueLinkPath(gw, firm, staff, "invite_staff", { staff: true });
    const link = await gw.db.accessLink.findUniqueOrThrow({ where: { id: linkId } });
    expect(link.expiresAt.getTime() - link.createdAt.getTime()).toBe(60 * 60_000);
    const claim = await request(gw.app).post(path).type("form").send({ password: NEW_PASSWORD });
    expect(claim.status).toBe(303);
    expect(claim.headers.location).toBe(`${base}/admin`);
    const admin = await request(gw.app).get(`${base}/admin`).set("Cookie", cookieOf(claim) as string);
    expect(admin.status).toBe(200);
    expect(admin.text).toContain("Staff console");
    expect((await gw.db.staffAccount.findUniqueOrThrow({ where: { id: staff.id } })).status).toBe("active");
  });
});
