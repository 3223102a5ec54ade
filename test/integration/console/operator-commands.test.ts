import request from "supertest";
import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { connectDemoPsa, createFirm, createPortalAccount, TEST_PASSWORD } from "../../helpers/seed";
import { signIn } from "../../helpers/forms";
import { NEW_PASSWORD } from "../../helpers/links";
import { jsonData, runCommand } from "../../helpers/cli";
import type { DiagnosisReport } from "../../../src/console/diagnosis-report";

// The client and staff commands of the CLI (doctor, client ..., staff invite): the console's use-cases, run by the
// operator. Run in this process over the test gateway's parts; the real script is run in test/integration/cli/.
let gw: TestGateway;
let firm: Firm;
let base: string;

beforeAll(async () => {
  ({ gw, firm, base } = await startGatewayWithFirm());
  firm = await connectDemoPsa(gw.db, firm);
}, 120_000);
afterAll(() => gw.close());

const cli = (...args: string[]) => runCommand(gw, args);
const lockOut = async (email: string) => {
  for (let i = 0; i < 5; i++) await signIn(gw.agent(), base, email, "wrong password, again");
};

describe("doctor", () => {
  test("a client who can sign in and sees their company: verdict ok, the company, no fixes", async () => {
    await createPortalAccount(gw.db, firm, { email: "jane@acme.com" });
    const run = await cli("doctor", "--firm", firm.slug, "--email", " JANE@acme.com ", "--json");
    expect(run.code).toBe(0);
    const report = jsonData<DiagnosisReport>(run);
    expect(report).toEqual(expect.objectContaining({ email: "jane@acme.com", verdict: "ok", fixes: [], psa: expect.objectContaining({ kind: "works", companies: ["Acme Corp"] }) }));
    expect(JSON.stringify(report)).not.toContain("passwordHash");
  });

  test("an address the PSA does not know: the cause and the fix, in words", async () => {
    await createPortalAccount(gw.db, firm, { email: "jane.smith@acme.com" });
    const run = await cli("doctor", "--firm", firm.slug, "--email", "jane.smith@acme.com");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("sees no projects");
    expect(run.stdout).toContain("PSA:      jane.smith@acme.com matches no contact in the PSA.");
    // The PSA holds the same mailbox name at another domain: the fix names that contact (access-problems/find-intended-contact.ts).
    expect(run.stdout).toContain("To fix:\n  1. The PSA has jane.smith@me.com, which looks like the same person: add jane.smith@acme.com to that contact's emails in the PSA");
  });

  test("a locked, turned-off account: both found, the access first; no account at all says to invite", async () => {
    const account = await createPortalAccount(gw.db, firm, { email: "omar@acme.com" });
    await lockOut(account.email);
    expect((await cli("client", "disable", "--firm", firm.slug, "--email", account.email, "--reason", "left the project")).code).toBe(0);
    const report = jsonData<DiagnosisReport>(await cli("doctor", "--firm", firm.slug, "--email", account.email, "--json"));
    expect(report.verdict).toBe("access_off");
    expect(report.lockedUntil).not.toBeNull();
    expect(report.fixes).toHaveLength(2);
    expect(report.fixes[0]).toContain("left the project");
    const nobody = jsonData<DiagnosisReport>(await cli("doctor", "--firm", firm.slug, "--email", "nobody@acme.com", "--json"));
    expect(nobody.verdict).toBe("no_account");
    expect((await cli("doctor", "--firm", firm.slug, "--email", "not an address")).code).toBe(1);
  });
});

describe("client commands", () => {
  test("invite --print prints a link the client claims; an address the PSA does not know is held back unless --anyway", async () => {
    const printed = await cli("client", "invite", "--firm", firm.slug, "--email", "carl@beaconbuilders.com", "--print");
    expect(printed.code).toBe(0);
    const url = /^ {2}(http\S+)$/m.exec(printed.stdout)?.[1] as string;
    expect((await request(gw.app).post(new URL(url).pathname).type("form").send({ password: NEW_PASSWORD })).status).toBe(303);

    const unknown = await cli("client", "invite", "--firm", firm.slug, "--email", "stranger@nowhere.example");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("--anyway");
    expect(await gw.db.portalAccount.count({ where: { firmId: firm.id, email: "stranger@nowhere.example" } })).toBe(0);
    const anyway = await cli("client", "invite", "--firm", firm.slug, "--email", "stranger@nowhere.example", "--anyway", "--json");
    expect(jsonData<{ kind: string }>(anyway).kind).toBe("invited");
    expect(await gw.db.outboxEmail.count({ where: { toAddress: "stranger@nowhere.example", kind: "invite_client" } })).toBe(1);
  });

  test("magic-link prints a one-time sign-in link for an active client, kept with who asked; an invited client gets none", async () => {
    const account = await createPortalAccount(gw.db, firm);
    const run = await cli("client", "magic-link", "--firm", firm.slug, "--email", account.email, "--json");
    const { url } = jsonData<{ url: string }>(run);
    expect(await gw.db.outboxEmail.count({ where: { toAddress: account.email } })).toBe(0);
    const link = await gw.db.accessLink.findFirstOrThrow({ where: { portalAccountId: account.id, kind: "magic" } });
    expect(link.issuedBy).toBe("operator (cli)");
    const path = new URL(url).pathname;
    expect((await request(gw.app).get(path)).status).toBe(200);
    expect((await request(gw.app).post(path).type("form")).status).toBe(303);
    expect((await request(gw.app).post(path).type("form")).status).toBe(410);

    const invited = await createPortalAccount(gw.db, firm, { status: "invited", withPassword: false });
    const refused = await cli("client", "magic-link", "--firm", firm.slug, "--email", invited.email);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("invited but has no password yet");
  });

  test("disable ends access with the reason; reactivate brings it back; unlock ends a lockout at once", async () => {
    const account = await createPortalAccount(gw.db, firm);
    expect((await cli("client", "disable", "--firm", firm.slug, "--email", account.email, "--reason", "contract ended")).code).toBe(0);
    const off = await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(off).toEqual(expect.objectContaining({ status: "disabled", statusReason: "contract ended", statusChangedBy: "operator (cli)" }));
    expect((await signIn(gw.agent(), base, account.email, TEST_PASSWORD)).status).toBe(403);
    expect((await cli("client", "disable", "--firm", firm.slug, "--email", account.email)).code).toBe(2);

    expect((await cli("client", "reactivate", "--firm", firm.slug, "--email", account.email)).code).toBe(0);
    await lockOut(account.email);
    expect((await signIn(gw.agent(), base, account.email, TEST_PASSWORD)).status).toBe(429);
    expect((await cli("client", "unlock", "--firm", firm.slug, "--email", account.email)).code).toBe(0);
    expect((await signIn(gw.agent(), base, account.email, TEST_PASSWORD)).status).toBe(303);
  });

  test("a client of another firm is not found through this firm's slug, and the answer says how to look", async () => {
    const other = await createFirm(gw.db);
    const theirs = await createPortalAccount(gw.db, other);
    const run = await cli("client", "unlock", "--firm", firm.slug, "--email", theirs.email);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${firm.slug} has no client account for "${theirs.email}"`);
    expect(run.stderr).toContain("npm run cli -- doctor");
  });
});

describe("staff invite", () => {
  test("a new colleague with a role gets a one-hour link that opens the console; a bad role is bad usage", async () => {
    const run = await cli("staff", "invite", "--firm", firm.slug, "--email", "new.admin@firm.example", "--role", "admin", "--print");
    expect(run.code).toBe(0);
    const url = /^ {2}(http\S+)$/m.exec(run.stdout)?.[1] as string;
    expect((await request(gw.app).post(new URL(url).pathname).type("form").send({ password: NEW_PASSWORD })).status).toBe(303);
    const staff = gw.agent();
    expect((await signIn(staff, `${base}/admin`, "new.admin@firm.example", NEW_PASSWORD)).status).toBe(303);
    expect((await gw.db.staffAccount.findUniqueOrThrow({ where: { firmId_email: { firmId: firm.id, email: "new.admin@firm.example" } } })).role).toBe("admin");

    expect((await cli("staff", "invite", "--firm", firm.slug, "--email", "x@firm.example", "--role", "root")).code).toBe(2);
    const emailed = await cli("staff", "invite", "--firm", firm.slug, "--email", "by.mail@firm.example", "--role", "support");
    expect(emailed.stdout).toContain("Invite emailed to by.mail@firm.example");
    expect(await gw.db.outboxEmail.count({ where: { toAddress: "by.mail@firm.example", kind: "invite_staff" } })).toBe(1);
  });
});
