import type { Firm, PortalAccount, StaffAccount } from "../../generated/prisma/client";
import type { PortalAccess } from "../../portal/portal-access";

/** The firm a request is for, and where its portal lives on this host. */
export interface Tenant {
  firm: Firm;
  /** "/portal/{slug}", or "/portal" on the firm's custom domain. Every link on a page starts here. */
  basePath: string;
  viaCustomDomain: boolean;
}

/** Who is making the request, checked against the tenant on every request. */
export type Principal =
  | { kind: "anonymous" }
  | { kind: "portalAccount"; account: PortalAccount; firm: Firm }
  | { kind: "staff"; staff: StaffAccount; firm: Firm };

/** What passport keeps in the session: ids only, and the firm's immutable id the session is bound to. */
export interface SessionUser {
  kind: "portal" | "staff";
  id: string;
  firmId: string;
}

declare global {
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface User extends SessionUser {}
    interface Request {
      tenant?: Tenant;
      principal?: Principal;
      /** Set for signed-in clients on pages that show PSA data (src/middleware/resolve-portal-access.ts). */
      access?: PortalAccess;
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
  }
}
