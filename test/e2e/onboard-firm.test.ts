import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { findFreePort } from "../../src/platform/db/embedded-postgres";
import { launchChromium } from "../helpers/browser";
import { migratedDataDir, runCliProcess, startGatewayProcess } from "../helpers/processes";
import type { GatewayProcess } from "../helpers/processes";

// Issue 11's "done when", as an operator and a new firm meet it: `npm start` on the embedded default, the CLI
// (through the running gateway's socket) creates a second firm, its owner claims the printed link in Chromium,
// connects a CSV PSA by pasting the files on the console, invites a client with a link to share, and the client
// sets a password, signs in, and sees their company's projects and not another's.
const root = path.resolve(__dirname, "..", "..");
const csv = (name: string) => fs.readFileSync(path.join(root, "config", "demo-psa", `${name}.csv`), "utf8");
const PASSWORD = "violet tractor umbrella 42";
let dir: string;
let gateway: GatewayProcess;
let browser: Browser;
let env: Record<string, string>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-e2e-onboard-"));
  await migratedDataDir(dir);
  const port = await findFreePort();
  env = { DATA_DIR: dir, PORT: String(port), PUBLIC_URL: `http://localhost:${port}`, SEED_DEMO: "false" };
  gateway = startGatewayProcess(env);
  await gateway.waitFor("gateway listening");
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function setPassword(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel("New password").fill(PASSWORD);
  await page.getByRole("button", { name: /Set password/ }).click();
}

test("the CLI creates a firm; its owner connects a CSV PSA and invites a client who sees the right projects", async () => {
  const created = await runCliProcess(["firm", "create", "--slug", "hart-engineering", "--name", "Hart Engineering", "--owner", "owner@hart.example", "--json"], env);
  expect(created.stderr).toBe("");
  expect(created.code).toBe(0);
  const { invite } = (JSON.parse(created.stdout) as { data: { invite: { url: string } } }).data;
  const base = `${env.PUBLIC_URL}/portal/hart-engineering`;
  expect(invite.url.startsWith(`${base}/claim/`)).toBe(true);

  // The owner claims the printed link (which signs them in), signs out, and signs in to the console again.
  const owner = await browser.newPage();
  await setPassword(owner, invite.url);
  await owner.waitForURL(`${base}/admin`);
  await owner.getByRole("button", { name: "Sign out" }).click();
  await owner.waitForURL(/login/);
  await owner.goto(`${base}/admin/login`);
  await owner.getByLabel("Email").fill("owner@hart.example");
  await owner.getByLabel("Password").fill(PASSWORD);
  await owner.getByRole("button", { name: "Sign in" }).click();
  await owner.waitForURL(`${base}/admin`);
  expect(await owner.textContent("body")).toContain("Hart Engineering");

  // A CSV PSA: the three exports pasted on the console's PSA page.
  await owner.goto(`${base}/admin/psa?kind=csv`);
  await owner.locator('textarea[name="files.companies"]').fill(csv("companies"));
  await owner.locator('textarea[name="files.contacts"]').fill(csv("contacts"));
  await owner.locator('textarea[name="files.projects"]').fill(csv("projects"));
  await owner.getByRole("button", { name: /^Test and save/ }).click();
  await owner.waitForLoadState();
  expect(await owner.textContent("body")).toContain("Saved: the connection answered its test");

  // The owner invites a client with a link to share (no SMTP here), shown once on the page.
  await owner.goto(`${base}/admin`);
  const inviteForm = owner.locator("form", { has: owner.getByRole("button", { name: "Invite", exact: true }) });
  await inviteForm.getByLabel("Client's email address").fill("carl@beaconbuilders.com");
  await inviteForm.getByLabel("Show me a link to share myself").check();
  await inviteForm.getByRole("button", { name: "Invite", exact: true }).click();
  const link = (await owner.locator("code", { hasText: "/claim/" }).first().textContent())!.trim();
  expect(link.startsWith(`${base}/claim/`)).toBe(true);

  // The client sets a password and lands on their projects: Beacon Builders', not Acme's.
  const client = await (await browser.newContext()).newPage();
  await setPassword(client, link);
  await client.waitForURL(`${base}/`);
  const text = await client.textContent("body");
  expect(text).toContain("Harborview Medical Office Building");
  expect(text).not.toContain("Acme HQ Renovation");
  if (process.env.E2E_SCREENSHOTS) await client.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, "onboarded-client.png"), fullPage: true });

  // The operator sees the new firm from the CLI while the gateway runs.
  const shown = await runCliProcess(["firm", "show", "hart-engineering", "--json"], env);
  expect(JSON.parse(shown.stdout).data.firm).toEqual(expect.objectContaining({ psa: "csv", clients: { invited: 0, active: 1, disabled: 0 } }));
}, 240_000);
