import request from "supertest";
import { parse } from "csv-parse/sync";
import type { Firm, StaffRole } from "../../../src/generated/prisma/client";
import { hashApiToken } from "../../../src/api-tokens/api-token-secret";
import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm, createPortalAccount, TEST_PASSWORD } from "../../helpers/seed";
import { signIn } from "../../helpers/forms";
import { cookieOf } from "../../helpers/links";
import { signedInStaff } from "../../helpers/staff";
import { API, apiToken, asToken, documentedShapeErrors, revokedToken } from "../../helpers/api";

// GET /trail: the console's sign-in trail over the API: the same filter (one use-case), paged JSON, and the console's
// CSV export byte for byte (one function), with no secret in it; every role; one firm's token never reads another's.
let gw: TestGateway;
beforeAll(async () => (gw = await startTestGateway()), 120_000);
afterAll(() => gw.close());

const roles: StaffRole[] = ["owner", "admin", "support"];
const as = async (firm: Firm, role: StaffRole) => asToken(gw, await apiToken(gw, firm, role));
const event = (firm: Firm, at: string, emailTyped: string, reason: string) =>
  gw.db.signInEvent.create({ data: { firmId: firm.id, at: new Date(at), emailTyped, emailNormalized: emailTyped.trim().toLowerCase(), reason, ip: "203.0.113.7", userAgent: "Mozilla/5.0 (iPhone)" } });
const typedEmails = (res: request.Response) => (res.body.items as Array<{ emailTyped: string }>).map((item) => item.emailTyped);

test("every role reads the trail, newest first, filtered by email (as typed or normalized), reason and days in the firm's zone", async () => {
  const firm = await createFirm(gw.db, { settings: { timeZone: "America/New_York" } });
  await event(firm, "2026-11-30T04:30:00Z", "Jane@Example.com ", "fail_password"); // Nov 29, 23:30 in New York
  await event(firm, "2026-11-30T15:00:00Z", "jane@example.com", "success");
  await event(firm, "2026-12-01T15:00:00Z", "bob@example.com", "fail_unknown_email");
  for (const role of roles) {
    const res = await (await as(firm, role)).get("/trail");
    expect({ role, status: res.status }).toEqual({ role, status: 200 });
    expect(documentedShapeErrors("get", "/trail", 200, res.body)).toEqual([]);
    expect(typedEmails(res)).toEqual(["bob@example.com", "jane@example.com", "Jane@Example.com "]);
  }
  const api = await as(firm, "support");
  const all = await api.get("/trail");
  expect(all.body.items[0]).toEqual(
    expect.objectContaining({ at: "2026-12-01T15:00:00.000Z", emailNormalized: "bob@example.com", reason: "fail_unknown_email", reasonInWords: "No account with this email on this portal", ip: "203.0.113.7", userAgent: "Mozilla/5.0 (iPhone)", detail: null }),
  );
  expect(typedEmails(await api.get(`/trail?email=${encodeURIComponent("JANE@example.com")}`))).toHaveLength(2);
  expect(typedEmails(await api.get(`/trail?email=${encodeURIComponent("Jane@Example.com ")}`))).toHaveLength(2);
  expect(typedEmails(await api.get("/trail?reason=fail_password"))).toEqual(["Jane@Example.com "]);
  const day = await api.get("/trail?from=2026-11-30&to=2026-11-30");
  expect(day.body.items.map((item: { reason: string }) => item.reason)).toEqual(["success"]); // the 23:30 attempt was on the 29th there
});

test("a bad filter is one 400 naming every problem, from the use-case the console uses; a foreign cursor is refused", async () => {
  const api = await as(await createFirm(gw.db), "admin");
  const bad = await api.get("/trail?from=yesterday&reason=nope&to=2026-01-01");
  expect(bad.status).toBe(400);
  expect(documentedShapeErrors("get", "/trail", 400, bad.body)).toEqual([]);
  expect(bad.body.error).toEqual({ code: "validation_failed", field: "reason", message: "reason: one of the listed reasons; from: a date such as 2026-12-01" });
  expect((await api.get("/trail?from=2026-12-31&to=2026-12-01")).body.error.message).toBe("to: on or after the start date");
  expect((await api.get("/trail?format=csv&to=someday")).body.error).toEqual(expect.objectContaining({ code: "validation_failed", field: "to" }));
  const cursor = await api.get("/trail?cursor=bm90LW91cnM");
  expect(cursor.body.error).toEqual(expect.objectContaining({ code: "validation_failed", field: "cursor" }));
});

test("pages by cursor: 50 by default then the rest, and a smaller limit walks every attempt once", async () => {
  const firm = await createFirm(gw.db);
  for (let i = 0; i < 53; i += 1) await event(firm, new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(), `user${i}@example.com`, "fail_unknown_email");
  const newestFirst = Array.from({ length: 53 }, (_, i) => `user${52 - i}@example.com`);
  const api = await as(firm, "support");
  const first = await api.get("/trail");
  expect(typedEmails(first)).toEqual(newestFirst.slice(0, 50));
  const second = await api.get(`/trail?cursor=${encodeURIComponent(first.body.nextCursor)}`);
  expect(typedEmails(second)).toEqual(newestFirst.slice(50));
  expect(second.body.nextCursor).toBeNull();

  const walked: string[] = [];
  let cursor: string | null = null;
  do {
    const page: request.Response = await api.get(`/trail?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
    walked.push(...typedEmails(page));
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(walked).toEqual(newestFirst);
});

test("the CSV export (?format=csv or Accept: text/csv) is the console's, byte for byte, and holds no secret the test used", async () => {
  const firm = await createFirm(gw.db);
  const account = await createPortalAccount(gw.db, firm);
  const wrongPassword = "not-the-password-Qm27";
  await signIn(gw.agent(), `/portal/${firm.slug}`, account.email, wrongPassword);
  const signedIn = await signIn(gw.agent(), `/portal/${firm.slug}`, account.email, TEST_PASSWORD);
  const clientCookie = cookieOf(signedIn)?.split("=")[1] ?? "no-cookie";
  await event(firm, "2026-11-01T00:00:00Z", '=HYPERLINK("http://evil.example","x")', "fail_unknown_email");
  const token = await apiToken(gw, firm, "support");
  const api = asToken(gw, token);
  const magic = await (await as(firm, "owner")).post(`/clients/${account.id}/magic-link`);
  const magicToken = String(magic.body.url).split("/").pop() ?? "no-link";
  await request(gw.app).post(new URL(magic.body.url).pathname).type("form"); // signs in: a magic_link_claim row
  const owner = await signedInStaff(gw, firm, "owner");

  const byQuery = await api.get("/trail?format=csv");
  const byAccept = await api.get("/trail").set("Accept", "text/csv");
  const consoleCsv = await owner.get(`/portal/${firm.slug}/admin/trail.csv`);
  for (const csv of [byQuery, byAccept]) {
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.headers["content-disposition"]).toMatch(new RegExp(`^attachment; filename="?sign-in-trail-${firm.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"?$`));
    expect(csv.text).toBe(consoleCsv.text);
  }
  expect(byQuery.text.split("\n")[0]).toBe("at_utc,email_typed,email_normalized,reason,reason_in_words,ip,user_agent,detail");
  const rows = parse(byQuery.text, { columns: true }) as Array<Record<string, string>>;
  expect(rows.map((row) => row.reason)).toEqual(["magic_link_claim", "success", "fail_password", "fail_unknown_email"]);
  expect(byQuery.text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);

  const filtered = await api.get(`/trail?format=csv&reason=success&email=${encodeURIComponent(account.email.toUpperCase())}`);
  expect(filtered.text).toBe((await owner.get(`/portal/${firm.slug}/admin/trail.csv?reason=success&email=${encodeURIComponent(account.email.toUpperCase())}`)).text);
  expect(parse(filtered.text, { columns: true })).toEqual([expect.objectContaining({ email_normalized: account.email, reason: "success", reason_in_words: "Signed in with email and password" })]);

  const stored = await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } });
  const link = await gw.db.accessLink.findFirstOrThrow({ where: { portalAccountId: account.id } });
  for (const secret of [wrongPassword, TEST_PASSWORD, clientCookie, token, hashApiToken(token), magicToken, link.tokenHash, stored.passwordHash ?? "no-hash"]) {
    expect(byQuery.text).not.toContain(secret);
  }
  // A browser's Accept (HTML first) gets the JSON page, as every other endpoint answers it.
  const browser = await api.get("/trail").set("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
  expect(browser.headers["content-type"]).toMatch(/^application\/json/);
});

test("firm A's token reads only A's trail (JSON and CSV) and B's only B's; a revoked token and no token are refused", async () => {
  const [firmA, firmB] = [await createFirm(gw.db), await createFirm(gw.db)];
  await event(firmA, "2026-11-01T00:00:00Z", "only-a@example.com", "success");
  await event(firmB, "2026-11-01T00:00:00Z", "only-b@example.com", "success");
  for (const [mine, own, other] of [[firmA, "only-a@", "only-b@"], [firmB, "only-b@", "only-a@"]] as const) {
    const api = await as(mine, "owner");
    const json = await api.get("/trail");
    const csv = await api.get("/trail?format=csv");
    expect(JSON.stringify(json.body)).toContain(own);
    expect(csv.text).toContain(own);
    expect(JSON.stringify(json.body) + csv.text).not.toContain(other);
  }
  const revoked = asToken(gw, await revokedToken(gw, firmA));
  for (const res of [await revoked.get("/trail"), await revoked.get("/trail?format=csv"), await request(gw.app).get(`${API}/trail?format=csv`)]) {
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("api_token_invalid");
    expect(res.text).not.toContain("only-a@");
  }
});
