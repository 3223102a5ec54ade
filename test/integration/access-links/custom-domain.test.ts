import request from "supertest";
import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithMail } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { addFirmDomain, createFirm, createPortalAccount } from "../../helpers/seed";
import { csrfFrom } from "../../helpers/forms";
import type { SmtpSink } from "../../helpers/smtp-sink";
import { issueLinkPath, NEW_PASSWORD } from "../../helpers/links";

let gw: TestGateway, smtp: SmtpSink, firm: Firm;
let close: () => Promise<void>;
let host: string;

beforeAll(async () => {
  ({ gw, smtp, firm, close } = await startGatewayWithMail({ PUBLIC_URL: "https://gateway.example" }));
  host = `portal.${firm.slug}.example`;
  await addFirmDomain(gw.db, firm, host, new Date(Date.now() - 60_000));
  await addFirmDomain(gw.db, firm, `later.${firm.slug}.example`);
});
afterAll(() => close());

/** The link in an email, as a browser would open it: the host it names and the path. */
function linkIn(decoded: string): URL {
  const match = /https?:\/\/[^\s"<]+\/(?:claim|reset|magic|confirm)\/[A-Za-z0-9_-]{43}/.exec(decoded);
  if (!match) throw new Error("no link in the email");
  return new URL(match[0]);
}

describe("a firm with its own domain gets its links on that domain", () => {
  test("an emailed reset link opens on the firm's first domain, at /portal without the slug, and works there", async () => {
    const account = await createPortalAccount(gw.db, firm);
    const agent = gw.agent();
    const page = await agent.get("/portal/forgot").set("Host", host);
    expect(page.status).toBe(200);
    await agent.post("/portal/forgot").set("Host", host).type("form").send({ _csrf: csrfFrom(page.text), email: account.email });

    const link = linkIn((await smtp.waitFor((m) => m.to.includes(account.email))).decoded);
    expect(link.origin).toBe(`https://${host}`); // PUBLIC_URL's scheme, the firm's domain
    expect(link.pathname).toMatch(/^\/portal\/reset\/[A-Za-z0-9_-]{43}$/);
    expect((await request(gw.app).get(link.pathname).set("Host", link.host)).status).toBe(200);
    const done = await request(gw.app).post(link.pathname).set("Host", link.host).type("form").send({ password: NEW_PASSWORD });
    expect(done.status).toBe(200);
    expect(done.text).toContain("Password changed");
  });

  test("a link shown to staff to share by hand is on the firm's domain too; a firm without one stays on PUBLIC_URL", async () => {
    const invited = await createPortalAccount(gw.db, firm, { status: "invited", withPassword: false, confirmed: false });
    const shown = await issueLinkPath(gw, firm, invited, "invite_client");
    expect(shown.path).toMatch(/^\/portal\/claim\//);
    const claimed = await request(gw.app).post(shown.path).set("Host", host).type("form").send({ password: NEW_PASSWORD });
    expect(claimed.status).toBe(303);
    expect(claimed.headers.location).toBe("/portal/");

    const plain = await createFirm(gw.db);
    const other = await createPortalAccount(gw.db, plain, { status: "invited", withPassword: false, confirmed: false });
    expect((await issueLinkPath(gw, plain, other, "invite_client")).path).toMatch(new RegExp(`^/portal/${plain.slug}/claim/`));
  });

  test("this firm's link opened on another firm's portal points the client to this firm's domain", async () => {
    const plain = await createFirm(gw.db);
    const account = await createPortalAccount(gw.db, firm);
    const { token } = await issueLinkPath(gw, firm, account, "reset");
    const wrong = await request(gw.app).get(`/portal/${plain.slug}/reset/${token}`);
    expect(wrong.text).toContain("This link belongs to a different portal");
    expect(wrong.text).toContain(`href="https://${host}/portal/reset/${token}"`);
  });
});
