import crypto from "node:crypto";
import { Writable } from "node:stream";
import type { ResolveHost } from "../../connectors/registry";
import type { Firm, PortalAccount, StaffAccount } from "../../src/generated/prisma/client";
import { createLogger } from "../../src/platform/logger";
import { startTestGateway } from "../helpers/test-gateway";
import type { TestGateway } from "../helpers/test-gateway";
import { connectDemoPsa, createFirm, createPortalAccount, createStaffAccount, setWebhookSecret, TEST_PASSWORD } from "../helpers/seed";
import { csrfFrom, signIn } from "../helpers/forms";
import { issueLinkPath } from "../helpers/links";

type Agent = ReturnType<TestGateway["agent"]>;

/** One firm as the security suite sees it: who is signed in where, and every secret and id it holds. */
export interface SuiteFirm {
  firm: Firm;
  base: string;
  client: PortalAccount;
  staff: StaffAccount;
  clientAgent: Agent;
  staffAgent: Agent;
  tokens: Record<"claim" | "reset" | "magic" | "confirm", string>;
  webhookSecret: string;
  /** Strings that must never appear in another firm's answers (names, emails, ids, tokens, secrets). */
  markers: string[];
}

/**
 * A gateway whose log is captured at debug level, so the suite can search everything it logged for every secret
 * it used (passwords, tokens, webhook secrets, the session secret).
 */
export async function startSuiteGateway(env: Record<string, string> = {}, options: { resolveHost?: ResolveHost } = {}): Promise<{ gw: TestGateway; logText(): string; secrets: Set<string> }> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const gw = await startTestGateway({ env, logger: createLogger("debug", sink), resolveHost: options.resolveHost });
  const secrets = new Set<string>([TEST_PASSWORD, gw.config.SESSION_SECRET as string]);
  return { gw, logText: () => lines.join(""), secrets };
}

async function signedIn(gw: TestGateway, base: string, path: "login" | "admin/login", email: string): Promise<Agent> {
  const agent = gw.agent();
  const page = await agent.get(`${base}/${path}`);
  const res = await agent.post(`${base}/${path}`).type("form").send({ _csrf: csrfFrom(page.text), email, password: TEST_PASSWORD });
  if (res.status !== 303) throw new Error(`sign-in on ${base}/${path} failed: ${res.status}`);
  return agent;
}

/** A firm on the demo PSA with a signed-in client (omar@acme.com's company) and a signed-in owner, links and a webhook secret. */
export async function seedSuiteFirm(gw: TestGateway, secrets: Set<string>): Promise<SuiteFirm> {
  const tag = crypto.randomBytes(4).toString("hex");
  const firm = await connectDemoPsa(gw.db, await createFirm(gw.db, { name: `Firm ${tag} Partners` }));
  const base = `/portal/${firm.slug}`;
  const client = await createPortalAccount(gw.db, firm, { email: "omar@acme.com" });
  const staff = await createStaffAccount(gw.db, firm, { role: "owner", email: `owner-${tag}@firm.example` });
  const invited = await createPortalAccount(gw.db, firm, { email: `invited-${tag}@example.com`, status: "invited", withPassword: false, confirmed: false });
  const tokens = {
    claim: (await issueLinkPath(gw, firm, invited, "invite_client")).token,
    reset: (await issueLinkPath(gw, firm, client, "reset")).token,
    magic: (await issueLinkPath(gw, firm, client, "magic")).token,
    confirm: (await issueLinkPath(gw, firm, invited, "confirm")).token,
  };
  const webhookSecret = crypto.randomBytes(24).toString("base64url");
  await setWebhookSecret(gw.db, firm, webhookSecret);
  for (const secret of [...Object.values(tokens), webhookSecret]) secrets.add(secret);
  const clientAgent = await signedIn(gw, base, "login", client.email);
  const staffAgent = await signedIn(gw, base, "admin/login", staff.email);
  if ((await signIn(gw.agent(), base, client.email, "not the password at all")).status !== 401) throw new Error("a wrong password was not refused");
  return {
    firm,
    base,
    client,
    staff,
    clientAgent,
    staffAgent,
    tokens,
    webhookSecret,
    markers: [firm.id, firm.name, client.id, staff.id, staff.email, invited.id, invited.email, ...Object.values(tokens), webhookSecret],
  };
}

/** The CSRF token of the agent's session, read from a page it can open. */
export async function csrfOf(agent: Agent, url: string): Promise<string> {
  return csrfFrom((await agent.get(url)).text);
}
