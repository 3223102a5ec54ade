import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm, createPortalAccount, TEST_PASSWORD } from "../../helpers/seed";
import { signIn } from "../../helpers/forms";
import { signedInStaff } from "../../helpers/staff";

let gw: TestGateway;
beforeAll(async () => ({ gw } = await startGatewayWithFirm()));
afterAll(() => gw.close());

const event = (firm: Firm, at: string, emailTyped: string, reason: string, extra: { ip?: string; userAgent?: string } = {}) =>
  gw.db.signInEvent.create({ data: { firmId: firm.id, at: new Date(at), emailTyped, emailNormalized: emailTyped.trim().toLowerCase(), reason, ip: extra.ip ?? "203.0.113.7", userAgent: extra.userAgent ?? "Mozilla/5.0 (iPhone)" } });

describe("the sign-in trail", () => {
  test("filters by email (as typed or normalized), reason and days in the firm's zone; shows words, code, IP and browser", async () => {
    const firm = await createFirm(gw.db, { settings: { timeZone: "America/New_York" } });
    await event(firm, "2026-11-30T04:30:00Z", "Jane@Example.com ", "fail_password"); // Nov 29, 23:30 in New York
    await event(firm, "2026-11-30T15:00:00Z", "jane@example.com", "success");
    await event(firm, "2026-12-01T15:00:00Z", "bob@example.com", "fail_unknown_email", { ip: "198.51.100.9" });
    const support = await signedInStaff(gw, firm, "support");
    const base = `/portal/${firm.slug}/admin/trail`;

    const all = await support.get(base);
    expect(all.status).toBe(200);
    expect(all.text).toContain("Wrong password for an existing account <code>fail_password</code>");
    expect(all.text).toContain("198.51.100.9");
    expect(all.text).toContain("Mozilla/5.0 (iPhone)");
    expect(all.text.indexOf("bob@example.com")).toBeLessThan(all.text.indexOf("jane@example.com")); // newest first

    const jane = await support.get(`${base}?email=${encodeURIComponent("JANE@example.com")}`);
    expect(jane.text.match(/<tr><td>/g)).toHaveLength(2);
    expect(jane.text).not.toContain("bob@example.com");
    const typed = await support.get(`${base}?email=${encodeURIComponent("Jane@Example.com ")}`);
    expect(typed.text.match(/<tr><td>/g)).toHaveLength(2);

    const wrong = await support.get(`${base}?reason=fail_password`);
    expect(wrong.text.match(/<tr><td>/g)).toHaveLength(1);
    const day = await support.get(`${base}?from=2026-11-30&to=2026-11-30`);
    expect(day.text.match(/<tr><td>/g)).toHaveLength(1); // the 23:30 attempt was on the 29th in New York
    expect(day.text).toContain("success</code>");

    const bad = await support.get(`${base}?from=yesterday&reason=nope&to=2026-01-01`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("a date such as 2026-12-01");
    expect(bad.text).toContain("one of the listed reasons");
  });

  test("pages by cursor, newest first", async () => {
    const firm = await createFirm(gw.db);
    for (let i = 0; i < 53; i += 1) await event(firm, new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(), `user${i}@example.com`, "fail_unknown_email");
    const admin = await signedInStaff(gw, firm, "admin");
    const first = await admin.get(`/portal/${firm.slug}/admin/trail`);
    expect(first.text.match(/<tr><td>/g)).toHaveLength(50);
    const next = /href="([^"]*\/admin\/trail\?[^"]*cursor=[^"]+)"/.exec(first.text)?.[1] ?? "";
    const second = await admin.get(next.replace(/&amp;/g, "&"));
    expect(second.text.match(/<tr><td>/g)).toHaveLength(3);
    expect(second.text).toContain("user0@example.com");
    expect(second.text).not.toContain("Older attempts");
  });

  test("the CSV export has the same filter, escapes formulas, and holds no secret the test used", async () => {
    const firm = await createFirm(gw.db);
    const account = await createPortalAccount(gw.db, firm);
    const wrongPassword = "not-the-password-9f3k2";
    await signIn(gw.agent(), `/portal/${firm.slug}`, account.email, wrongPassword);
    const client = gw.agent();
    const signedIn = await signIn(client, `/portal/${firm.slug}`, account.email, TEST_PASSWORD);
    const cookie = String(signedIn.headers["set-cookie"] ?? "").split(";")[0] ?? "";
    await event(firm, "2026-11-01T00:00:00Z", '=HYPERLINK("http://evil.example","x")', "fail_unknown_email");
    const admin = await signedInStaff(gw, firm, "admin");

    const csv = await admin.get(`/portal/${firm.slug}/admin/trail.csv?email=${encodeURIComponent(account.email)}`);
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.headers["content-disposition"]).toMatch(/^attachment; filename="?sign-in-trail-/);
    const lines = csv.text.trim().split("\n");
    expect(lines[0]).toBe("at_utc,email_typed,email_normalized,reason,reason_in_words,ip,user_agent,detail");
    expect(lines.slice(1).map((line) => line.split(",")[3])).toEqual(["success", "fail_password"]);
    for (const secret of [wrongPassword, TEST_PASSWORD, cookie.split("=")[1] ?? "no-cookie"]) expect(csv.text).not.toContain(secret);

    const everything = await admin.get(`/portal/${firm.slug}/admin/trail.csv`);
    expect(everything.text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect((await admin.get(`/portal/${firm.slug}/admin/trail.csv?from=bad`)).status).toBe(400);
  });

  test("one firm's staff never see another firm's trail", async () => {
    const firmA = await createFirm(gw.db);
    const firmB = await createFirm(gw.db);
    await event(firmA, "2026-11-01T00:00:00Z", "only-a@example.com", "success");
    await event(firmB, "2026-11-01T00:00:00Z", "only-b@example.com", "success");
    const staffB = await signedInStaff(gw, firmB, "owner");
    const own = await staffB.get(`/portal/${firmB.slug}/admin/trail.csv`);
    expect(own.text).toContain("only-b@example.com");
    expect(own.text).not.toContain("only-a@example.com");
    for (const path of ["trail", "trail.csv"]) {
      const peek = await staffB.get(`/portal/${firmA.slug}/admin/${path}`);
      expect(peek.status).toBe(303);
      expect(peek.text).not.toContain("only-a@example.com");
    }
  });
});
