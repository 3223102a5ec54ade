import type { Browser, BrowserContext, Page } from "playwright-core";
import { startSmtpSink } from "../helpers/smtp-sink";
import type { SmtpSink } from "../helpers/smtp-sink";
import { launchChromium } from "../helpers/browser";
import { startDemoGateway } from "./demo-gateway";
import type { DemoGateway } from "./demo-gateway";
import { checkPage, phone } from "./page-checks";

// Issue 16 in a real browser, on a phone's width, against `npm start`'s demo: the template's sections as each demo
// client meets them, no dead ends, and every page reached here passes axe-core with nothing wider than 390 px.
// Each test walks several pages, each checked by axe-core: a busy shared machine needs more than the default 30 s.
jest.setTimeout(120_000);
let sink: SmtpSink;
let gateway: DemoGateway;
let browser: Browser;
let base: string;
const contexts: BrowserContext[] = [];
const password = "demo-portal-2026";
const supportEmail = "projects@northwind.example";

beforeAll(async () => {
  sink = await startSmtpSink();
  gateway = await startDemoGateway({ SMTP_URL: sink.url, MAIL_POLL_SECONDS: "1" });
  base = `${gateway.baseUrl}/portal/demo`;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  await sink?.close();
});

/** A fresh browser (own cookies) the width of a phone. bypassCSP lets axe-core into the portal's script-free pages. */
async function phonePage(): Promise<Page> {
  const context = await browser.newContext({ viewport: phone, bypassCSP: true });
  contexts.push(context);
  return context.newPage();
}

async function signIn(page: Page, email: string, audience: "client" | "staff" = "client"): Promise<void> {
  await page.goto(`${base}/${audience === "staff" ? "admin/login" : "login"}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(audience === "staff" ? `${base}/admin` : `${base}/`);
}

const sectionHeadings = (page: Page) => page.locator("article section h2").allTextContents();

test("the signed-out pages: sign-in keeps the typed email after a failure; link forms; not found", async () => {
  const page = await phonePage();
  await page.goto(`${gateway.baseUrl}/`);
  await checkPage(page, "landing");
  await page.goto(`${base}/login`);
  await checkPage(page, "login");
  await page.getByLabel("Email").fill("omar@acme.com");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForSelector("#login-error");
  expect(await page.getByLabel("Email").inputValue()).toBe("omar@acme.com");
  expect(await page.getByLabel("Password").inputValue()).toBe("");
  await checkPage(page, "login-failed");
  for (const path of ["forgot", "magic", "confirm", "admin/login", "admin/forgot"]) {
    await page.goto(`${base}/${path}`);
    await checkPage(page, path.replace("/", "-"));
  }
  const missing = await page.goto(`${base}/no-such-page`);
  expect(missing?.status()).toBe(404);
  await checkPage(page, "not-found");
  const dead = await page.goto(`${base}/magic/${"x".repeat(43)}`);
  expect(dead?.status()).toBeGreaterThanOrEqual(400);
  await checkPage(page, "link-not-valid");
});

test("omar (Owner) sees summary, schedule, financials and team on a project, and the overdue project is flagged", async () => {
  const page = await phonePage();
  await signIn(page, "omar@acme.com");
  const overdueCard = page.locator("li.card", { hasText: "Acme Distribution Center Expansion" });
  expect(await overdueCard.locator(".tag.overdue").textContent()).toContain("Overdue: due");
  expect(await page.locator("li.card", { hasText: "Acme HQ Renovation" }).locator(".tag.overdue").count()).toBe(0);
  await checkPage(page, "omar-projects");

  await page.getByRole("link", { name: /^Closed/ }).click();
  expect(await page.locator("li.card h2").allTextContents()).toEqual(["Warehouse Expansion Feasibility Study"]);
  await checkPage(page, "omar-projects-closed");
  await page.getByRole("link", { name: /^All/ }).click();
  await page.getByRole("link", { name: "Name" }).click();
  const names = await page.locator("li.card h2").allTextContents();
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  expect(names).toHaveLength(4);

  await page.getByRole("link", { name: "Acme Distribution Center Expansion" }).click();
  expect(await sectionHeadings(page)).toEqual(["Summary", "Schedule", "Financials", "Team"]);
  const project = await page.locator("article").textContent();
  expect(project).toContain("Overdue: due");
  expect(project).toContain("85% complete");
  expect(project).toContain("Bid set issued");
  expect(project).toContain("Next milestone");
  expect(project).toContain("$1,850,000");
  expect(project).toContain("$1,480,000");
  expect(project).toContain("5,900 of 6,400 h");
  expect(project).toContain("Marcus Chen");
  expect(project).toContain("marcus.chen@northwind.example");
  expect(project).toContain(supportEmail);
  await checkPage(page, "omar-project-overdue");
});

test("carl (Beacon Builders, Contractor) sees the schedule without financials or a manager, in HTML and JSON alike", async () => {
  const page = await phonePage();
  await signIn(page, "carl@beaconbuilders.com");
  await checkPage(page, "carl-projects");
  await page.getByRole("link", { name: "Harborview Medical Office Building" }).click();
  expect(await sectionHeadings(page)).toEqual(["Summary", "Schedule"]);
  expect(await page.locator("table.phases").textContent()).toContain("Substantial completion");
  await checkPage(page, "carl-project");

  const json = await (await page.request.get(`${base}/api/projects`)).text();
  expect(json).toContain("Harborview Medical Office Building");
  for (const hidden of [/budget/i, /invoiced/i, /hours/i, /manager/i, /Sofia/, /3,?200,?000/, /2,?560,?000/]) {
    expect({ hidden: String(hidden), inJson: hidden.test(json) }).toEqual({ hidden: String(hidden), inJson: false });
  }
  const list = await (await page.request.get(`${base}/`)).text();
  const projectPage = await page.content();
  for (const htmlText of [list, projectPage]) {
    for (const hidden of [/Budget/, /Invoiced/, /Sofia Marquez/, /3,?200,?000/, /2,?560,?000/, /11,?900/]) {
      expect({ hidden: String(hidden), inHtml: hidden.test(htmlText) }).toEqual({ hidden: String(hidden), inHtml: false });
    }
  }
});

test("a contact in two companies lands on her own domain's company and switches with one press", async () => {
  const page = await phonePage();
  await signIn(page, "dana@cobaltcivil.com");
  expect(await page.locator("h1").textContent()).toContain("Cobalt Civil");
  await checkPage(page, "dana-projects");
  await page.getByRole("button", { name: "Beacon Builders" }).click();
  await page.waitForURL(`${base}/`);
  expect(await page.locator("h1").textContent()).toContain("Beacon Builders");
  expect(await page.getByRole("button", { name: "Beacon Builders" }).getAttribute("aria-pressed")).toBe("true");
});

test("'not linked yet' and 'no projects' give the firm's contact and what happens next", async () => {
  const jane = await phonePage();
  await signIn(jane, "jane.doe@acme.com");
  expect(await jane.locator("main").textContent()).toContain(supportEmail);
  await checkPage(jane, "not-linked");
  const pat = await phonePage();
  await signIn(pat, "pat@deltadental.com");
  const text = await pat.locator("main").textContent();
  expect(text).toContain("When Northwind");
  expect(text).toContain(supportEmail);
  await checkPage(pat, "no-projects");
});

test("a used magic link offers a new one, sent to the address on file", async () => {
  const page = await phonePage();
  await page.goto(`${base}/magic`);
  await page.getByLabel("Email").fill("omar@acme.com");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await checkPage(page, "magic-check-email");
  const first = await sink.waitFor((mail) => mail.to.includes("omar@acme.com") && /\/magic\//.test(mail.decoded), 30_000);
  const link = /https?:\/\/[^\s"]+\/portal\/demo\/magic\/[A-Za-z0-9_-]{43}/.exec(first.decoded)?.[0] as string;
  await page.goto(link);
  await checkPage(page, "magic-continue");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL(`${base}/`);

  const again = await phonePage();
  await again.goto(link);
  expect(await again.locator("main").textContent()).toContain("This link was used on");
  await checkPage(again, "magic-used");
  const before = sink.messages.length;
  await again.getByRole("button", { name: "Email me a new sign-in link" }).click();
  await checkPage(again, "magic-renewed");
  const second = await sink.waitFor((mail) => sink.messages.indexOf(mail) >= before && mail.to.includes("omar@acme.com"), 30_000);
  expect(second.decoded).toMatch(/\/portal\/demo\/magic\/[A-Za-z0-9_-]{43}/);
  expect(second.decoded).not.toContain(link);
});

test("the console's pages, the read-only preview, and a client told why access ended", async () => {
  const pat = await phonePage();
  await signIn(pat, "pat@deltadental.com");
  const admin = await phonePage();
  await signIn(admin, "admin@demo.test", "staff");
  await checkPage(admin, "console-home");
  await admin.goto(`${base}/admin/templates`);
  await checkPage(admin, "console-templates");
  await admin.goto(`${base}/admin/psa`);
  await checkPage(admin, "console-psa");
  await admin.goto(`${base}/admin/api-tokens`);
  await checkPage(admin, "console-api-tokens");

  await admin.goto(`${base}/admin`);
  await admin.getByLabel("Why can't a client sign in? Look up their email").fill("omar@acme.com");
  await admin.getByRole("button", { name: "Look up" }).click();
  await checkPage(admin, "console-client");
  await admin.getByRole("link", { name: "Preview as this client" }).click();
  expect(await admin.locator(".preview-banner").textContent()).toContain("Preview, read-only");
  expect(await admin.locator("main form").count()).toBe(0);
  await checkPage(admin, "preview-projects");
  await admin.getByRole("link", { name: "Acme HQ Renovation" }).click();
  expect(await sectionHeadings(admin)).toEqual(["Summary", "Schedule", "Financials", "Team"]);
  await checkPage(admin, "preview-project");

  await admin.goto(`${base}/admin`);
  await admin.getByLabel("Why can't a client sign in? Look up their email").fill("pat@deltadental.com");
  await admin.getByRole("button", { name: "Look up" }).click();
  await admin.locator("#off-confirm").check(); // the console asks for a tick first
  await admin.getByRole("button", { name: "Turn access off" }).click();
  await checkPage(admin, "console-client-access-off");
  await pat.reload();
  await pat.waitForURL(/\/portal\/demo\/login/);
  const told = await pat.locator("main").textContent();
  expect(told).toContain("You were signed out because your access to Northwind");
  expect(told).toContain(supportEmail);
  await checkPage(pat, "login-access-off");
});
