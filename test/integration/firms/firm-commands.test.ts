import request from "supertest";
import type { Firm } from "../../../src/generated/prisma/client";
import { sendEmailNow } from "../../../src/platform/mail/send-now";
import { createMailTransport } from "../../../src/platform/mail/transport";
import { createLogger } from "../../../src/platform/logger";
import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm } from "../../helpers/seed";
import { signIn } from "../../helpers/forms";
import { NEW_PASSWORD } from "../../helpers/links";
import { startSmtpSink } from "../../helpers/smtp-sink";
import type { SmtpSink } from "../../helpers/smtp-sink";
import { apiToken, asToken } from "../../helpers/api";
import { jsonData, runCommand } from "../../helpers/cli";
import { setFirmLogo } from "../../../src/firms/use-cases/firm-logo";
import { operatorActor } from "../../../src/accounts/actor";

// The operator's firm commands (`npm run cli -- firm ...`), run in this process over the test gateway's parts.
let gw: TestGateway;
let smtp: SmtpSink;

beforeAll(async () => {
  smtp = await startSmtpSink();
  gw = await startTestGateway({ env: { FIRM_CACHE_SECONDS: "0", SMTP_URL: smtp.url } });
}, 120_000);
afterAll(async () => {
  await gw.close();
  await smtp.close();
});

const cli = (...args: string[]) => runCommand(gw, args);
const unique = () => Math.random().toString(36).slice(2, 8);

describe("firm create", () => {
  test("creates the firm and its owner; the printed one-hour link lets the owner set a password and sign in to the console", async () => {
    const slug = `harbor-${unique()}`;
    const run = await cli("firm", "create", "--slug", slug, "--name", "Harbor Engineering", "--owner", "Owner@Harbor.example");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Created Harbor Engineering at /portal/${slug}.`);
    expect(run.stdout).toContain("Not emailed (no SMTP_URL is set)");
    const url = /^ {2}(http\S+)$/m.exec(run.stdout)?.[1] as string;
    const firm = await gw.db.firm.findUniqueOrThrow({ where: { slug }, include: { staffAccounts: true } });
    expect(firm.staffAccounts).toEqual([expect.objectContaining({ email: "owner@harbor.example", role: "owner", status: "invited" })]);
    const link = await gw.db.accessLink.findFirstOrThrow({ where: { staffAccountId: firm.staffAccounts[0]!.id } });
    expect(link.expiresAt.getTime() - link.createdAt.getTime()).toBe(60 * 60 * 1000);

    const path = new URL(url).pathname;
    expect(path).toMatch(new RegExp(`^/portal/${slug}/claim/[A-Za-z0-9_-]{43}$`));
    expect((await request(gw.app).post(path).type("form").send({ password: NEW_PASSWORD })).status).toBe(303);
    const owner = gw.agent();
    expect((await signIn(owner, `/portal/${slug}/admin`, "owner@harbor.example", NEW_PASSWORD)).status).toBe(303);
    expect((await owner.get(`/portal/${slug}/admin`)).status).toBe(200);
  });

  test("with SMTP the same link is also emailed, and the outbox keeps the email without the token", async () => {
    const transport = createMailTransport(gw.config, createLogger("silent"));
    const slug = `mail-${unique()}`;
    const run = await runCommand(gw, ["firm", "create", "--slug", slug, "--name", "Mail Firm", "--owner", "boss@mail.example", "--json"], {
      mailNow: (email) => sendEmailNow({ db: gw.db, config: gw.config, transport }, email),
    });
    transport.close();
    const data = jsonData<{ invite: { url: string }; emailed: { sent: boolean } }>(run);
    expect(data.emailed).toEqual({ sent: true });
    const mail = await smtp.waitFor((m) => m.to.includes("boss@mail.example"));
    expect(mail.decoded).toContain(data.invite.url);
    const row = await gw.db.outboxEmail.findFirstOrThrow({ where: { toAddress: "boss@mail.example" } });
    expect(row.status).toBe("sent");
    expect(row.textBody + row.htmlBody).not.toContain(new URL(data.invite.url).pathname.split("/").pop());
  });

  test("bad slugs, names, domains and owners are refused in words with exit 1, and nothing is made", async () => {
    const taken = await createFirm(gw.db);
    const cases: Array<[string[], string]> = [
      [["--slug", "Has Spaces"], "is not a slug"],
      [["--slug", "admin"], "is reserved"],
      [["--slug", taken.slug], "is taken"],
      [["--domain", "https://x.example/path"], "is not a host name"],
      [["--domain", "localhost"], "is not a host name"],
      [["--name", "<b>"], "The firm's name must be"],
      [["--owner", "not-an-email"], "is not an email address"],
    ];
    for (const [override, words] of cases) {
      const args = { "--slug": `ok-${unique()}`, "--name": "Fine Name", "--owner": "o@fine.example" } as Record<string, string>;
      for (let i = 0; i < override.length; i += 2) args[override[i]!] = override[i + 1]!;
      const before = await gw.db.firm.count();
      const run = await cli("firm", "create", ...Object.entries(args).flat());
      expect({ override, code: run.code, stderr: run.stderr }).toEqual({ override, code: 1, stderr: expect.stringContaining(words) });
      expect(await gw.db.firm.count()).toBe(before);
    }
    const json = await cli("firm", "create", "--slug", "api", "--name", "X Y", "--owner", "o@x.example", "--json");
    expect(JSON.parse(json.stdout).error.code).toBe("validation_failed");
  });

  test("a domain is stored lower-cased and cannot be taken twice", async () => {
    const domain = `Portal-${unique()}.Example.com`;
    expect((await cli("firm", "create", "--slug", `dom-${unique()}`, "--name", "Domain Firm", "--owner", "o@d.example", "--domain", domain)).code).toBe(0);
    expect(await gw.db.firmDomain.count({ where: { domain: domain.toLowerCase() } })).toBe(1);
    const again = await cli("firm", "create", "--slug", `dom-${unique()}`, "--name", "Other Firm", "--owner", "o@d.example", "--domain", domain.toLowerCase());
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("is already another firm's domain");
  });
});

describe("firm show, rename-slug, disable and enable", () => {
  let firm: Firm;
  beforeEach(async () => (firm = await createFirm(gw.db)));

  test("show prints the firm in full; an unknown slug says how to find slugs", async () => {
    const shown = await cli("firm", "show", firm.slug, "--json");
    expect(jsonData<{ firm: { slug: string; clients: object } }>(shown).firm).toEqual(expect.objectContaining({ slug: firm.slug, clients: { invited: 0, active: 0, disabled: 0 } }));
    expect(jsonData<{ firm: { logo: unknown } }>(shown).firm.logo).toBeNull();
    expect((await cli("firm", "show", firm.slug)).stdout).toContain("logo:         none (the portal shows the firm's name)");
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");
    expect((await setFirmLogo(gw.db, { firm, actor: operatorActor, bytes: png })).ok).toBe(true);
    const withLogo = await cli("firm", "show", firm.slug);
    expect(withLogo.stdout).toMatch(/logo: +image\/png, 1 KB, sha256 [0-9a-f]{12}\n/);
    const missing = await cli("firm", "show", "nope-nope");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("firm list` shows every firm's slug");
  });

  test("rename-slug moves the portal; the old slug redirects and stays taken; a reserved or taken slug is refused", async () => {
    const old = firm.slug;
    const renamed = `${old}-new`;
    expect((await cli("firm", "rename-slug", old, renamed)).code).toBe(0);
    const res = await request(gw.app).get(`/portal/${old}/login`);
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe(`/portal/${renamed}/login`);
    expect((await request(gw.app).get(`/portal/${renamed}/login`)).status).toBe(200);

    const other = await createFirm(gw.db);
    const stolen = await cli("firm", "rename-slug", other.slug, old);
    expect(stolen.code).toBe(1);
    expect(stolen.stderr).toContain("is taken");
    expect((await cli("firm", "rename-slug", other.slug, "static")).stderr).toContain("is reserved");
    // A firm may take back its own former slug.
    expect((await cli("firm", "rename-slug", renamed, old)).code).toBe(0);
    expect((await request(gw.app).get(`/portal/${old}/login`)).status).toBe(200);
  });

  test("disable: portal pages and API tokens answer 'not available', nothing is deleted; enable brings it back", async () => {
    const token = await apiToken(gw, firm, "owner");
    const off = await cli("firm", "disable", firm.slug);
    expect(off.code).toBe(0);
    const page = await request(gw.app).get(`/portal/${firm.slug}/login`);
    expect(page.status).toBe(403);
    expect(page.text).toContain("This portal is not available at the moment.");
    expect((await request(gw.app).get(`/portal/${firm.slug}/admin/login`)).status).toBe(403);
    expect((await request(gw.app).get(`/portal/${firm.slug}/login`).set("Accept", "application/json")).body.error.code).toBe("portal_unavailable");
    expect((await asToken(gw, token).get("/firm")).status).toBe(401);
    expect(jsonData<{ firms: Array<{ slug: string; disabled: boolean }> }>(await cli("firm", "list", "--json")).firms).toContainEqual(expect.objectContaining({ slug: firm.slug, disabled: true }));

    expect((await cli("firm", "enable", firm.slug)).code).toBe(0);
    expect((await request(gw.app).get(`/portal/${firm.slug}/login`)).status).toBe(200);
    expect((await asToken(gw, token).get("/firm")).status).toBe(200);
  });
});
