import request from "supertest";
import type { Firm, PortalAccount } from "../../../src/generated/prisma/client";
import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm, createPortalAccount, createStaffAccount, TEST_PASSWORD } from "../../helpers/seed";
import { csrfFrom } from "../../helpers/forms";
import { issueLinkPath, NEW_PASSWORD } from "../../helpers/links";

let gw: TestGateway;
let firm: Firm;
let base: string;

beforeAll(async () => {
  gw = await startTestGateway();
  firm = await createFirm(gw.db, { settings: { identityCheck: "date_of_birth" } });
  base = `/portal/${firm.slug}`;
});
afterAll(() => gw.close());

async function invitedWithDob(dob: string | null): Promise<PortalAccount> {
  return createPortalAccount(gw.db, firm, { status: "invited", withPassword: false, confirmed: false, dateOfBirth: dob });
}
const claim = (path: string, dateOfBirth: string) => request(gw.app).post(path).type("form").send({ dateOfBirth, password: NEW_PASSWORD });

describe("identity check at claim (firm setting)", () => {
  test("off by default: no date of birth is asked", async () => {
    const plain = await createFirm(gw.db);
    const account = await createPortalAccount(gw.db, plain, { status: "invited", withPassword: false, confirmed: false });
    const { path } = await issueLinkPath(gw, plain, account, "invite_client");
    expect((await request(gw.app).get(path)).text).not.toContain("dateOfBirth");
  });

  test("the claim page asks for the date of birth, and common ways of typing it are accepted", async () => {
    for (const typed of ["04/27/1985", "4/27/1985", "04-27-1985", " 04 / 27 / 1985 ", "04271985", "1985-04-27"]) {
      const account = await invitedWithDob("1985-04-27");
      const { path } = await issueLinkPath(gw, firm, account, "invite_client");
      expect((await request(gw.app).get(path)).text).toContain("MM/DD/YYYY");
      expect((await claim(path, typed)).status).toBe(303);
    }
  });

  test("an impossible date is refused with a clear message and does not count as a wrong answer", async () => {
    const account = await invitedWithDob("1985-04-27");
    const { path, linkId } = await issueLinkPath(gw, firm, account, "invite_client");
    const res = await claim(path, "02/30/1990");
    expect(res.status).toBe(400);
    expect(res.text).toContain("February 1990 has 28 days");
    expect((await claim(path, "27/04/1985")).text).toContain("Enter the month first");
    expect((await gw.db.accessLink.findUniqueOrThrow({ where: { id: linkId } })).failedChecks).toBe(0);
  });

  test("a wrong answer says so without revealing the stored date; after 5 the link locks and the firm is told", async () => {
    const owner = await createStaffAccount(gw.db, firm, { role: "owner" });
    const account = await invitedWithDob("1971-09-13");
    const { path } = await issueLinkPath(gw, firm, account, "invite_client");
    for (let i = 1; i <= 4; i++) {
      const res = await claim(path, "01/01/1990");
      expect(res.status).toBe(400);
      expect(res.text).toContain("does not match the one");
      expect(res.text).toContain(`${5 - i} ${5 - i === 1 ? "try" : "tries"} left`);
      expect(res.text).not.toContain("1971");
      expect(res.text).not.toContain("09/13");
    }
    const fifth = await claim(path, "01/01/1990");
    expect(fifth.status).toBe(423);
    expect(fifth.text).toContain("This invite is locked");
    // Even the right answer does nothing now.
    expect((await claim(path, "09/13/1971")).status).toBe(423);
    expect((await gw.db.portalAccount.findUniqueOrThrow({ where: { id: account.id } })).passwordHash).toBeNull();

    const flag = await gw.db.accessFlag.findFirstOrThrow({ where: { portalAccountId: account.id, kind: "identity_check_locked" } });
    expect(flag.status).toBe("open");
    const notice = await gw.db.outboxEmail.findFirstOrThrow({ where: { toAddress: owner.email, kind: "identity_check_locked" } });
    expect(notice.textBody).toContain(account.email);
    expect(notice.textBody).not.toContain("1971");
    const reasons = (await gw.db.signInEvent.findMany({ where: { portalAccountId: account.id } })).map((e) => e.reason);
    expect(reasons.filter((r) => r === "identity_check_failed").length).toBeGreaterThanOrEqual(5);

    // Staff correct the record from the staff page; the client's same link then works with the right date.
    const staffAgent = gw.agent();
    const login = await staffAgent.get(`${base}/admin/login`);
    expect((await staffAgent.post(`${base}/admin/login`).type("form").send({ _csrf: csrfFrom(login.text), email: owner.email, password: TEST_PASSWORD })).status).toBe(303);
    const console = await staffAgent.get(`${base}/admin`);
    expect(console.text).toContain(account.email);
    const fix = await staffAgent.post(`${base}/admin/accounts/${account.id}/date-of-birth`).type("form").send({ _csrf: csrfFrom(console.text), dateOfBirth: "01/01/1990" });
    expect(fix.status).toBe(200);
    expect(fix.text).toContain("invite link works again");
    expect((await gw.db.accessFlag.findUniqueOrThrow({ where: { id: flag.id } })).status).toBe("resolved");
    expect((await claim(path, "01/01/1990")).status).toBe(303);
  });

  test("when the firm has no date of birth on file, the page says the firm must add it (409)", async () => {
    const account = await invitedWithDob(null);
    const { path } = await issueLinkPath(gw, firm, account, "invite_client");
    const res = await request(gw.app).get(path);
    expect(res.status).toBe(409);
    expect(res.text).toContain("needs to add your date of birth");
  });

  test("a magic link or a reset cannot skip the check: an unclaimed invite only ever gets an invite", async () => {
    const account = await invitedWithDob("1985-04-27");
    const { chooseLinkKind } = await import("../../../src/access-links/use-cases/send-requested-link");
    expect(chooseLinkKind(account, "magic")).toBe("invite_client");
    expect(chooseLinkKind(account, "reset")).toBe("invite_client");
  });
});
