import type { AccessLinkKind, Firm, PortalAccount, StaffAccount } from "../../src/generated/prisma/client";
import { issueAccessLink } from "../../src/access-links/use-cases/issue-access-link";
import type { TestGateway } from "./test-gateway";

/** Issue a link the way staff "copy a link" would (no email), returning the path a browser opens. */
export async function issueLinkPath(
  gw: TestGateway,
  firm: Firm,
  account: PortalAccount | StaffAccount,
  kind: AccessLinkKind,
  options: { staff?: boolean; now?: Date } = {},
): Promise<{ path: string; token: string; linkId: string }> {
  const holder = options.staff ? { kind: "staff" as const, account: account as StaffAccount } : { kind: "portal" as const, account: account as PortalAccount };
  const issued = await issueAccessLink({ db: gw.db, config: gw.config, kickMail: () => undefined }, { firm, kind, holder, issuedBy: "test", delivery: "return", now: options.now });
  const url = new URL(issued.url as string);
  return { path: url.pathname, token: url.pathname.split("/").pop() as string, linkId: issued.linkId };
}

/** Poll until `check` returns a value (background work: emails queued after the response). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const cookieOf = (res: { headers: Record<string, unknown> }) =>
  ([] as string[]).concat((res.headers["set-cookie"] as string[] | undefined) ?? []).find((c) => c.startsWith("portal.sid="))?.split(";")[0];

/** A password that passes the policy and contains no context words. */
export const NEW_PASSWORD = "violet tractor umbrella 42";
