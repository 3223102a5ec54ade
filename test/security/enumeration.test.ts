import crypto from "node:crypto";
import type { TestGateway } from "../helpers/test-gateway";
import { createPortalAccount, createStaffAccount } from "../helpers/seed";
import { csrfFrom } from "../helpers/forms";
import { seedSuiteFirm, startSuiteGateway } from "./harness";
import type { SuiteFirm } from "./harness";

// No account enumeration: for every form that takes an email (sign-in, staff sign-in, forgot, magic, confirm,
// staff forgot), a known and an unknown address of the same length get the same status and the same bytes, once
// the page's own CSRF token and the echoed address are set aside.

let gw: TestGateway;
let logText: () => string;
let secrets: Set<string>;
let a: SuiteFirm;

beforeAll(async () => {
  ({ gw, logText, secrets } = await startSuiteGateway({ TRUST_PROXY: "true" }));
  a = await seedSuiteFirm(gw, secrets);
}, 120_000);
afterAll(async () => {
  if (!gw) return;
  await gw.close();
  for (const secret of secrets) expect(logText()).not.toContain(secret);
});

let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;

async function submit(path: string, email: string, ip: string, extra: Record<string, string> = {}) {
  const agent = gw.agent();
  const page = await agent.get(`${a.base}/${path}`).set("X-Forwarded-For", ip);
  const csrf = csrfFrom(page.text);
  const res = await agent.post(`${a.base}/${path}`).set("X-Forwarded-For", ip).type("form").send({ _csrf: csrf, email, ...extra });
  const body = res.text.split(csrf).join("{csrf}").split(email).join("{email}").replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf" value="{csrf}"');
  return { status: res.status, body, contentType: res.headers["content-type"] };
}

const sameLength = (known: string) => `${"z".repeat(known.indexOf("@"))}${known.slice(known.indexOf("@"))}`;

test.each([
  ["client sign-in", "login", "client", { password: "a wrong password 123" }],
  ["staff sign-in", "admin/login", "staff", { password: "a wrong password 123" }],
  ["forgot password", "forgot", "client", {}],
  ["email me a sign-in link", "magic", "client", {}],
  ["confirm my email", "confirm", "unconfirmed", {}],
  ["staff forgot password", "admin/forgot", "staff", {}],
] as const)("%s: a known and an unknown address get the same status and bytes", async (_name, path, who, extra) => {
  const tag = crypto.randomBytes(3).toString("hex");
  const known =
    who === "staff"
      ? (await createStaffAccount(gw.db, a.firm, { email: `staff${tag}@firm.example` })).email
      : (await createPortalAccount(gw.db, a.firm, { email: `client${tag}@example.com`, confirmed: who !== "unconfirmed" })).email;
  const unknown = sameLength(known);
  const ip = freshIp();
  const first = await submit(path, known, ip, extra);
  const second = await submit(path, unknown, ip, extra);
  expect(second.status).toBe(first.status);
  expect(second.contentType).toBe(first.contentType);
  expect(second.body).toBe(first.body);
  expect(first.status).toBeLessThan(500);
});
