import type { Firm, PortalAccount, StaffAccount } from "../../generated/prisma/client";

/** The firm a request is for, and where its portal lives on this host. */
export interface Tenant {
  firm: Firm;
  /** "/portal/{slug}", or "/portal" on the firm's custom domain. Every link on a page starts here. */
  basePath: string;
  viaCustomDomain: boolean;
}

export interface ClientPrincipal {
  kind: "portalAccount";
  account: PortalAccount;
  firm: Firm;
}

export interface StaffPrincipal {
  kind: "staff";
  staff: StaffAccount;
  firm: Firm;
}

/** Who is making the request, checked against the tenant on every request (src/portal/load-principal.ts). */
export type Principal = { kind: "anonymous" } | ClientPrincipal | StaffPrincipal;

/** What passport keeps in the session: ids only, and the firm's immutable id the session is bound to. */
export interface SessionUser {
  kind: "portal" | "staff";
  id: string;
  firmId: string;
}

/**
 * The account behind a signed-in session as the session store read it, in the same round trip as the session
 * (accounts/session-accounts.ts): null when the account no longer exists.
 */
export type SessionAccount = { kind: "portal"; id: string; account: PortalAccount | null } | { kind: "staff"; id: string; account: StaffAccount | null };

/** Who sent a request, for the sign-in audit trail: use-cases get these facts, never the request. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's types are extended by merging into its namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SessionUser {}
    interface Request {
      /** Set by the tenant middleware; portal handlers receive it as present (portal-router.ts). */
      tenant?: Tenant;
      /** Set by loadPrincipal on every portal request; portal handlers receive it as present. */
      principal?: Principal;
      /** The session's account, read by the session store with the session; loadPrincipal checks it is the session's. */
      sessionAccount?: SessionAccount;
      /** The JSON body's bytes as received (for webhook signatures). */
      rawBody?: Buffer;
    }
  }
}

declare module "express-session" {
  interface SessionData {
    csrfToken?: string;
    /** The company picked in the switcher; re-checked against the PSA on every request. */
    companyExternalId?: string;
    /** When this session signed in (ms). A session older than its account's sessionsValidAfter has ended. */
    signedInAt?: number;
    /** Why a client's last session was ended for them, told once on the sign-in page they are sent to. */
    signedOutBecause?: "access_off" | "sessions_ended";
  }
}

/** The audit facts of a request, for use-cases that record who did something. */
export function originOf(req: { ip?: string; get(name: string): string | undefined }): RequestOrigin {
  return { ip: req.ip ?? null, userAgent: req.get("user-agent")?.slice(0, 512) ?? null };
}
