import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";
import type { Browser } from "playwright-core";
import { findFreePort } from "../../src/platform/db/embedded-postgres";

// The quick start, as a person meets it: `npm start` on a fresh data folder, then Chromium signs in to the demo.
const root = path.resolve(__dirname, "..", "..");
let server: ChildProcess;
let browser: Browser;
let baseUrl: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-e2e-"));
  const port = await findFreePort();
  baseUrl = `http://localhost:${port}`;
  server = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["src/server.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "development", PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "warn", DATABASE_URL: "", REDIS_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Demo portal:")) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout?.on("data", onData);
    server.stderr?.on("data", onData);
    server.on("close", (code) => reject(new Error(`gateway exited with ${code}:\n${output}`))); // "close": with all its output
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("a demo client signs in and out in a real browser", async () => {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/portal/demo/login`);
  await page.getByLabel("Email").fill("omar@acme.com");
  await page.getByLabel("Password").fill("demo-portal-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${baseUrl}/portal/demo/`);
  expect(await page.textContent("body")).toContain("omar@acme.com");
  expect(await page.textContent("body")).toContain("Acme HQ Renovation");
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, "demo-home.png"), fullPage: true });

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/portal\/demo\/login\?signed_out=1$/);
  expect(await page.textContent("body")).toContain("You have signed out.");
  await page.goto(`${baseUrl}/portal/demo/`);
  expect(page.url()).toBe(`${baseUrl}/portal/demo/login`);
});

test("a wrong password shows the generic message in the browser", async () => {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/portal/demo/login`);
  await page.getByLabel("Email").fill("omar@acme.com");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForSelector("#login-error");
  expect(await page.textContent("#login-error")).toContain("Incorrect email or password.");
});

test("the seed's 'no projects' case: the client is told why, and the firm's admin sees the fix", async () => {
  const client = await browser.newPage();
  await client.goto(`${baseUrl}/portal/demo/login`);
  await client.getByLabel("Email").fill("jane.doe@acme.com");
  await client.getByLabel("Password").fill("demo-portal-2026");
  await client.getByRole("button", { name: "Sign in" }).click();
  await client.waitForURL(`${baseUrl}/portal/demo/`);
  const clientText = await client.textContent("body");
  expect(clientText).toContain("Your email (jane.doe@acme.com) is not linked to a company");
  expect(clientText).not.toContain("jane@acme.com");

  const admin = await browser.newPage();
  await admin.goto(`${baseUrl}/portal/demo/admin/login`);
  await admin.getByLabel("Email").fill("admin@demo.test");
  await admin.getByLabel("Password").fill("demo-portal-2026");
  await admin.getByRole("button", { name: "Sign in" }).click();
  await admin.waitForURL(`${baseUrl}/portal/demo/admin`);
  const adminText = await admin.textContent("body");
  expect(adminText).toContain("jane.doe@acme.com matches no contact in the PSA.");
  expect(adminText).toContain("The PSA has jane@acme.com, which looks like the same person");
  if (process.env.E2E_SCREENSHOTS) await admin.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, "demo-admin.png"), fullPage: true });
});

test("an admin gives a company the Owner template in the browser, and its client starts seeing budgets", async () => {
  const client = await browser.newPage();
  await client.goto(`${baseUrl}/portal/demo/login`);
  await client.getByLabel("Email").fill("carl@beaconbuilders.com");
  await client.getByLabel("Password").fill("demo-portal-2026");
  await client.getByRole("button", { name: "Sign in" }).click();
  await client.waitForURL(`${baseUrl}/portal/demo/`);
  const before = await client.textContent("body");
  expect(before).toContain("Harborview Medical Office Building");
  expect(before).not.toContain("Budget"); // the demo puts Beacon Builders on the Contractor template

  const admin = await browser.newPage();
  await admin.goto(`${baseUrl}/portal/demo/admin/login`);
  await admin.getByLabel("Email").fill("admin@demo.test");
  await admin.getByLabel("Password").fill("demo-portal-2026");
  await admin.getByRole("button", { name: "Sign in" }).click();
  await admin.waitForURL(`${baseUrl}/portal/demo/admin`);
  await admin.getByRole("navigation").getByRole("link", { name: "Templates", exact: true }).click();
  await admin.getByLabel("Template for Beacon Builders").selectOption("owner");
  await admin.locator("form", { has: admin.getByLabel("Template for Beacon Builders") }).getByRole("button", { name: "Save" }).click();
  await admin.waitForSelector(".notice");
  expect(await admin.textContent(".notice")).toContain("Beacon Builders now gets Owner.");
  if (process.env.E2E_SCREENSHOTS) await admin.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, "demo-templates.png"), fullPage: true });

  await client.reload();
  const after = await client.textContent("body");
  expect(after).toContain("Beacon");
  expect(after).toContain("Budget");

  // The client access page says which template carl sees, and why.
  await admin.goto(`${baseUrl}/portal/demo/admin`);
  await admin.getByLabel("Why can't a client sign in? Look up their email").fill("carl@beaconbuilders.com");
  await admin.getByRole("button", { name: "Look up" }).click();
  expect(await admin.textContent("body")).toContain("Template: Owner, from the template of Beacon Builders.");
  if (process.env.E2E_SCREENSHOTS) await admin.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, "demo-client-access.png"), fullPage: true });
});
