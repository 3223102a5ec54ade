import crypto from "node:crypto";
import { startGatewayWithFirm } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { addFirmDomain, createFirm, createPortalAccount } from "../../helpers/seed";
import { issueLinkPath } from "../../helpers/links";
import { csrfFrom } from "../../helpers/forms";
import { signedInStaff } from "../../helpers/staff";

let gw: TestGateway;
beforeAll(async () => ({ gw } = await startGatewayWithFirm()));
afterAll(() => gw.close());

// A 1x1 PNG.
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=", "base64");

describe("the firm's logo", () => {
  test("an owner uploads an image (checked by its bytes, at most 200 KB); the gateway serves it and the portal shows it; removing it is logged too", async () => {
    const firm = await createFirm(gw.db);
    const owner = await signedInStaff(gw, firm, "owner");
    const base = `/portal/${firm.slug}`;
    const upload = async (bytes: Buffer, name: string) => {
      const page = await owner.get(`${base}/admin/settings`);
      return owner.post(`${base}/admin/settings/logo`).field("_csrf", csrfFrom(page.text)).attach("logo", bytes, name);
    };
    const svg = await upload(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), "logo.png");
    expect(svg.status).toBe(400);
    expect(svg.text).toContain("a PNG, JPEG, GIF or WebP image");
    const big = await upload(Buffer.concat([PNG, Buffer.alloc(200 * 1024)]), "big.png");
    expect(big.status).toBe(400);
    expect(big.text).toContain("at most 200 KB");

    const saved = await upload(PNG, "logo.png");
    expect(saved.status).toBe(200);
    const hash = crypto.createHash("sha256").update(PNG).digest("hex");
    expect(saved.text).toContain(`<img src="${base}/logo/${hash}"`);
    const served = await gw.agent().get(`${base}/logo/${hash}`);
    expect(served.status).toBe(200);
    expect(served.headers["content-type"]).toBe("image/png");
    expect(served.headers["x-content-type-options"]).toBe("nosniff");
    expect(Buffer.from(served.body as Buffer).equals(PNG)).toBe(true);
    expect((await owner.get(`${base}/admin`)).text).toContain(`<img class="logo" src="${base}/logo/${hash}"`); // the pages' header
    expect((await gw.agent().get(`${base}/logo/${"0".repeat(64)}`)).status).toBe(404);
    const other = await createFirm(gw.db);
    expect((await gw.agent().get(`/portal/${other.slug}/logo/${hash}`)).status).toBe(404);

    const page = await owner.get(`${base}/admin/settings`);
    expect((await owner.post(`${base}/admin/settings/logo/remove`).type("form").send({ _csrf: csrfFrom(page.text) })).status).toBe(200);
    expect((await gw.agent().get(`${base}/logo/${hash}`)).status).toBe(404);
    const log = await gw.db.staffAction.findMany({ where: { firmId: firm.id }, orderBy: { at: "asc" } });
    expect(log.map((row) => [row.action, row.before, row.after])).toEqual([
      ["logo_changed", { value: null }, { value: hash }],
      ["logo_removed", { value: hash }, null],
    ]);
  });

  test("the sign-in pages and the other pages anyone may open show the firm's logo, with the firm's name as its alt text", async () => {
    const firm = await createFirm(gw.db, { name: `O'Brien & Partners ${crypto.randomBytes(2).toString("hex")}` });
    const base = `/portal/${firm.slug}`;
    const anonymous = gw.agent();
    // Before a logo: the name alone, no image.
    expect((await anonymous.get(`${base}/login`)).text).not.toContain('class="logo"');

    const owner = await signedInStaff(gw, firm, "owner");
    const settings = await owner.get(`${base}/admin/settings`);
    expect((await owner.post(`${base}/admin/settings/logo`).field("_csrf", csrfFrom(settings.text)).attach("logo", PNG, "logo.png")).status).toBe(200);
    const hash = crypto.createHash("sha256").update(PNG).digest("hex");
    const name = firm.name.replace("&", "&amp;").replace("'", "&#39;"); // escaped as HTML
    const logo = `<img class="logo" src="${base}/logo/${hash}" alt="${name}">`;

    const invited = await createPortalAccount(gw.db, firm, { status: "invited", withPassword: false });
    const active = await createPortalAccount(gw.db, firm);
    const claim = (await issueLinkPath(gw, firm, invited, "invite_client")).path;
    const magic = (await issueLinkPath(gw, firm, active, "magic")).path;
    const reset = (await issueLinkPath(gw, firm, active, "reset")).path;
    for (const path of ["login", "admin/login", "forgot", "magic", "confirm", "admin/forgot"]) {
      const page = await anonymous.get(`${base}/${path}`);
      expect([path, page.status]).toEqual([path, 200]);
      expect([path, page.text.includes(logo)]).toEqual([path, true]);
    }
    for (const path of [claim, magic, reset, `${base}/claim/${"x".repeat(43)}`]) expect([path, (await anonymous.get(path)).text.includes(logo)]).toEqual([path, true]);
    const checkEmail = await anonymous.post(`${base}/forgot`).type("form").send({ _csrf: csrfFrom((await anonymous.get(`${base}/forgot`)).text), email: active.email });
    expect(checkEmail.text).toContain("Check your email");
    expect(checkEmail.text).toContain(logo);
    // Once with the logo, the name is not read twice by a screen reader, and it is still there to see.
    expect((await anonymous.get(`${base}/login`)).text).toContain(`${logo}<span aria-hidden="true">${name}</span>`);

    // On the firm's own domain, the image is served from that host's portal path.
    const host = `logo-${firm.slug}.example`;
    await addFirmDomain(gw.db, firm, host, new Date(Date.now() - 60_000));
    const onDomain = await gw.agent().get("/portal/login").set("Host", host);
    expect(onDomain.text).toContain(`<img class="logo" src="/portal/logo/${hash}" alt="${name}">`);
    expect((await gw.agent().get(`/portal/logo/${hash}`).set("Host", host)).status).toBe(200);

    // Another firm's sign-in page never shows this firm's logo.
    const other = await createFirm(gw.db);
    expect((await gw.agent().get(`/portal/${other.slug}/login`)).text).not.toContain(hash);
  });

  test("support staff see the logo but cannot change it", async () => {
    const firm = await createFirm(gw.db);
    const support = await signedInStaff(gw, firm, "support");
    const page = await support.get(`/portal/${firm.slug}/admin/settings`);
    expect(page.text).not.toContain("Upload the logo");
    const refused = await support.post(`/portal/${firm.slug}/admin/settings/logo`).field("_csrf", csrfFrom(page.text)).attach("logo", PNG, "logo.png");
    expect(refused.status).toBe(403);
    expect(await gw.db.firmLogo.count({ where: { firmId: firm.id } })).toBe(0);
  });
});
