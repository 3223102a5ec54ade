import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import path from "node:path";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import type { Firm, PortalAccount } from "../../src/generated/prisma/client";
import { startGatewayWithFakePsa } from "../helpers/test-gateway";
import type { TestGateway } from "../helpers/test-gateway";
import { connectPsa, createFirm, createPortalAccount, createStaffAccount, TEST_PASSWORD } from "../helpers/seed";
import { connectwiseSettings } from "../helpers/fake-connectwise";
import type { FakePsa } from "../helpers/fake-connectwise";
import { syncNow } from "../helpers/sync";

// An admin meets a run the mass-disable guard held, in a real browser: the Sync page lists who it would turn off,
// the admin applies one held run and discards another, and the accounts follow what they chose. The PSA is the
// fake ConnectWise (nock, in this process); Chromium talks to the gateway over loopback.
const SECRETS_KEY = Buffer.alloc(32, 23).toString("base64");
let gw: TestGateway, psa: FakePsa, close: () => Promise<void>;
let server: Server, baseUrl: string, browser: Browser;

beforeAll(async () => {
  ({ gw, psa, close } = await startGatewayWithFakePsa({ CONNECTOR_SECRETS_KEY: SECRETS_KEY }));
  server = gw.app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await close();
});

let nextId = 500;
/** A firm with 12 clients in one PSA company, synced once; then the PSA archives the company and a run is held. */
async function firmWithHeldRun(): Promise<{ firm: Firm; accounts: PortalAccount[]; admin: string }> {
  const company = nextId++;
  psa.companies.push({ id: company, name: `Company ${company}` });
  const firm = await connectPsa(gw.db, await createFirm(gw.db), "connectwise", connectwiseSettings, SECRETS_KEY);
  const accounts: PortalAccount[] = [];
  for (let i = 0; i < 12; i++) {
    const id = nextId++;
    psa.contacts.push({ id, first: "Client", last: String(id), emails: [`c${id}@co${company}.com`], companyId: company });
    accounts.push(await createPortalAccount(gw.db, firm, { email: `c${id}@co${company}.com` }));
  }
  expect(await syncNow(gw, firm)).toMatchObject({ status: "succeeded", counts: { linked: 12 } });
  Object.assign(psa.companies.find((c) => c.id === company) ?? {}, { deleted: true, updatedAt: new Date().toISOString() });
  expect(await syncNow(gw, firm, "incremental")).toMatchObject({ status: "held_for_review", counts: { held: 12, disabled: 0 } });
  const { email } = await createStaffAccount(gw.db, firm, { role: "admin", email: `admin-${company}@firm.example` });
  return { firm, accounts, admin: email };
}

async function openSyncPage(firm: Firm, email: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/portal/${firm.slug}/admin/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${baseUrl}/portal/${firm.slug}/admin`);
  await page.goto(`${baseUrl}/portal/${firm.slug}/admin/sync`);
  return page;
}

const statuses = async (accounts: PortalAccount[]) => new Set((await gw.db.portalAccount.findMany({ where: { id: { in: accounts.map((a) => a.id) } } })).map((a) => a.status));

test("an admin reads a held run's list in the browser and applies it: the 12 accounts are turned off", async () => {
  const { firm, accounts, admin } = await firmWithHeldRun();
  const page = await openSyncPage(firm, admin);
  const held = await page.textContent("body");
  expect(held).toContain("would turn off 12 accounts");
  expect(held).toContain((accounts[0] as PortalAccount).email);

  // The button does nothing until the confirmation box is ticked (the browser's own check of `required`).
  const apply = page.locator("form", { has: page.getByRole("button", { name: "Turn off these 12 accounts" }) });
  await apply.getByRole("button").click();
  expect(page.url()).toBe(`${baseUrl}/portal/${firm.slug}/admin/sync`);
  expect(await statuses(accounts)).toEqual(new Set(["active"]));

  await apply.getByLabel("I checked the list: the PSA archived these clients").check();
  await apply.getByRole("button").click();
  await page.waitForSelector(".notice");
  expect(await page.textContent(".notice")).toContain("Applied: 12 accounts turned off");
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, "sync-applied.png"), fullPage: true });
  expect(await statuses(accounts)).toEqual(new Set(["disabled"]));
  await page.goto(`${baseUrl}/portal/${firm.slug}/admin/sync`);
  const after = await page.textContent("body");
  expect(after).not.toContain("would turn off 12 accounts");
  expect(after).toContain(`applied by staff:${admin}`);
});

test("an admin discards a held run in the browser: nobody is turned off, and the run says who discarded it", async () => {
  const { firm, accounts, admin } = await firmWithHeldRun();
  const page = await openSyncPage(firm, admin);
  const discard = page.locator("form", { has: page.getByRole("button", { name: "Discard: turn off nobody" }) });
  await discard.getByLabel("Nobody on this list is turned off").check();
  await discard.getByRole("button").click();
  await page.waitForSelector(".notice");
  expect(await page.textContent(".notice")).toContain("Discarded: nobody on the list was turned off.");
  expect(await statuses(accounts)).toEqual(new Set(["active"]));
  await page.goto(`${baseUrl}/portal/${firm.slug}/admin/sync`);
  const after = await page.textContent("body");
  expect(after).not.toContain("would turn off 12 accounts");
  expect(after).toContain(`discarded by staff:${admin}`);
});
