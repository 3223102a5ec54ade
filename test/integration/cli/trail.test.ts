import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Firm } from "../../../src/generated/prisma/client";
import { startTestGateway } from "../../helpers/test-gateway";
import type { ShareableTestGateway } from "../../helpers/test-gateway";
import { createFirm, createPortalAccount, TEST_PASSWORD } from "../../helpers/seed";
import { signIn } from "../../helpers/forms";
import { cookieOf } from "../../helpers/links";
import { signedInStaff } from "../../helpers/staff";
import { jsonData, runCommand } from "../../helpers/cli";
import { runCliProcess } from "../../helpers/processes";
import type { TrailEntry } from "../../../src/console/trail-csv";

// `trail`: the console's sign-in trail for operators. Its behaviour runs in this process over the test gateway's
// parts (test/helpers/cli.ts); the last test runs the real script, as a cron job would, against DATABASE_URL.
let gw: ShareableTestGateway;
beforeAll(async () => (gw = await startTestGateway()), 120_000);
afterAll(() => gw.close());

const cli = (...args: string[]) => runCommand(gw, args);
const event = (firm: Firm, at: string, emailTyped: string, reason: string) =>
  gw.db.signInEvent.create({ data: { firmId: firm.id, at: new Date(at), emailTyped, emailNormalized: emailTyped.trim().toLowerCase(), reason, ip: "203.0.113.7", userAgent: "Mozilla/5.0 (iPhone)" } });
type TrailData = { firm: string; timeZone: string; events: TrailEntry[]; nextCursor: string | null };

test("lines for a person and --json for scripts, filtered by email, reason and days in the firm's time zone", async () => {
  const firm = await createFirm(gw.db, { settings: { timeZone: "America/New_York" } });
  await event(firm, "2026-11-30T04:30:00Z", "Jane@Example.com ", "fail_password"); // Nov 29, 23:30 in New York
  await event(firm, "2026-11-30T15:00:00Z", "jane@example.com", "success");
  await event(firm, "2026-12-01T15:00:00Z", "bob@example.com", "fail_unknown_email");

  const words = await cli("trail", "--firm", firm.slug);
  expect(words.code).toBe(0);
  expect(words.stdout.split("\n").slice(0, 4)).toEqual([
    `Sign-in trail of ${firm.slug} (days in America/New_York, times in UTC), newest first:`,
    "2026-12-01T15:00:00.000Z\tfail_unknown_email\tbob@example.com\t203.0.113.7\tMozilla/5.0 (iPhone)",
    "2026-11-30T15:00:00.000Z\tsuccess\tjane@example.com\t203.0.113.7\tMozilla/5.0 (iPhone)",
    "2026-11-30T04:30:00.000Z\tfail_password\tJane@Example.com \t203.0.113.7\tMozilla/5.0 (iPhone)",
  ]);

  const jane = jsonData<TrailData>(await cli("trail", "--firm", firm.slug, "--email", "JANE@example.com", "--json"));
  expect(jane.events.map((e) => e.reason)).toEqual(["success", "fail_password"]);
  expect(jane.events[0]).toEqual(expect.objectContaining({ emailTyped: "jane@example.com", reasonInWords: "Signed in with email and password", ip: "203.0.113.7" }));
  expect(jsonData<TrailData>(await cli("trail", "--firm", firm.slug, "--reason", "fail_password", "--json")).events.map((e) => e.emailTyped)).toEqual(["Jane@Example.com "]);
  const day = jsonData<TrailData>(await cli("trail", "--firm", firm.slug, "--from", "2026-11-30", "--to", "2026-11-30", "--json"));
  expect(day.events.map((e) => e.reason)).toEqual(["success"]);
  expect((await cli("trail", "--firm", firm.slug, "--reason", "fail_locked")).stdout).toBe("No sign-in attempts match.\n");
});

test("pages with --limit and the printed --cursor, every attempt once", async () => {
  const firm = await createFirm(gw.db);
  for (let i = 0; i < 7; i += 1) await event(firm, new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString(), `user${i}@example.com`, "fail_unknown_email");
  const first = await cli("trail", "--firm", firm.slug, "--limit", "3");
  const printed = /Older attempts: add --cursor (\S+)/.exec(first.stdout)?.[1];
  expect(printed).toBeDefined();
  const walked: string[] = [];
  let cursor: string | null = null;
  do {
    const page: TrailData = jsonData<TrailData>(await cli("trail", "--firm", firm.slug, "--limit", "3", "--json", ...(cursor ? ["--cursor", cursor] : [])));
    walked.push(...page.events.map((e) => e.emailTyped));
    cursor = page.nextCursor;
  } while (cursor);
  expect(walked).toEqual(Array.from({ length: 7 }, (_, i) => `user${6 - i}@example.com`));
});

test("--csv writes the console's export byte for byte, with no secret the test used", async () => {
  const firm = await createFirm(gw.db);
  const account = await createPortalAccount(gw.db, firm);
  const wrongPassword = "not-the-password-Vt61";
  await signIn(gw.agent(), `/portal/${firm.slug}`, account.email, wrongPassword);
  const cookie = cookieOf(await signIn(gw.agent(), `/portal/${firm.slug}`, account.email, TEST_PASSWORD))?.split("=")[1] ?? "no-cookie";
  await event(firm, "2026-11-01T00:00:00Z", "=1+2", "fail_unknown_email");
  const owner = await signedInStaff(gw, firm, "owner");

  const run = await cli("trail", "--firm", firm.slug, "--csv");
  expect(run.code).toBe(0);
  expect(run.stderr).toBe("");
  expect(run.stdout).toBe((await owner.get(`/portal/${firm.slug}/admin/trail.csv`)).text);
  expect((parse(run.stdout, { columns: true }) as Array<Record<string, string>>).map((row) => row.reason)).toEqual(["success", "fail_password", "fail_unknown_email"]);
  expect(run.stdout).toContain("'=1+2");
  const stored = await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } });
  for (const secret of [wrongPassword, TEST_PASSWORD, cookie, stored.passwordHash ?? "no-hash"]) expect(run.stdout).not.toContain(secret);

  const filtered = await cli("trail", "--firm", firm.slug, "--csv", "--reason", "success", "--from", "2026-01-01");
  expect(filtered.stdout).toBe((await owner.get(`/portal/${firm.slug}/admin/trail.csv?reason=success&from=2026-01-01`)).text);
});

test("exit codes: 2 for a bad date, reason, limit or cursor, or --csv with --json; 1 for an unknown firm; the words say what to fix", async () => {
  const firm = await createFirm(gw.db);
  const bad = await cli("trail", "--firm", firm.slug, "--from", "yesterday", "--reason", "nope");
  expect(bad.code).toBe(2);
  expect(bad.stderr).toBe("error: Not a filter: --reason must be one of the listed reasons; --from must be a date such as 2026-12-01.\nSee `npm run cli -- trail --help` for the reason codes.\n");
  const backwards = await cli("trail", "--firm", firm.slug, "--from", "2026-12-31", "--to", "2026-12-01", "--csv", "--json");
  expect(backwards.code).toBe(2);
  expect(JSON.parse(backwards.stdout)).toEqual({ ok: false, error: expect.objectContaining({ code: "validation_failed", message: "Not a filter: --to must be on or after the start date." }) });
  expect((await cli("trail", "--firm", firm.slug, "--limit", "0")).code).toBe(2);
  expect((await cli("trail", "--firm", firm.slug, "--limit", "many")).code).toBe(2);
  expect((await cli("trail", "--firm", firm.slug, "--cursor", "bm90LW91cnM")).stderr).toContain("--cursor: not a cursor this command printed");
  const both = await cli("trail", "--firm", firm.slug, "--csv", "--json");
  expect(both.code).toBe(2);
  expect(JSON.parse(both.stdout).error.code).toBe("validation_failed");
  const unknown = await cli("trail", "--firm", "no-such-firm", "--json");
  expect(unknown.code).toBe(1);
  expect(JSON.parse(unknown.stdout).error.code).toBe("portal_not_found");
  expect((await cli("trail")).code).toBe(2); // --firm is required

  const help = await cli("trail", "--help");
  expect(help.code).toBe(0);
  expect(help.stdout).toContain("fail_password          Wrong password for an existing account");
});

test("one firm's trail never shows another's", async () => {
  const [firmA, firmB] = [await createFirm(gw.db), await createFirm(gw.db)];
  await event(firmA, "2026-11-01T00:00:00Z", "only-a@example.com", "success");
  await event(firmB, "2026-11-01T00:00:00Z", "only-b@example.com", "success");
  const ofB = [await cli("trail", "--firm", firmB.slug), await cli("trail", "--firm", firmB.slug, "--csv"), await cli("trail", "--firm", firmB.slug, "--json")];
  for (const run of ofB) {
    expect(run.stdout).toContain("only-b@example.com");
    expect(run.stdout).not.toContain("only-a@example.com");
  }
});

test("the real script: --csv to stdout with exit 0, and a bad date exits 2 with --json's error, against DATABASE_URL", async () => {
  const firm = await createFirm(gw.db);
  await event(firm, "2026-11-02T10:00:00Z", "script@example.com", "fail_password");
  const env = { DATA_DIR: path.join(os.tmpdir(), "gw-cli-unused"), DATABASE_URL: gw.database.url, ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {}) };
  const csv = await runCliProcess(["trail", "--firm", firm.slug, "--csv"], env);
  expect(csv.code).toBe(0);
  expect(parse(csv.stdout, { columns: true })).toEqual([expect.objectContaining({ email_typed: "script@example.com", reason: "fail_password" })]);
  const bad = await runCliProcess(["trail", "--firm", firm.slug, "--to", "2026-13-40", "--json"], env);
  expect(bad.code).toBe(2);
  expect(JSON.parse(bad.stdout).error).toEqual(expect.objectContaining({ code: "validation_failed", message: "Not a filter: --to must be a date such as 2026-12-31." }));
}, 120_000);
