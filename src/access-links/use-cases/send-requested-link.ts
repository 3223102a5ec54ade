import type { AccessLinkKind, Firm, PortalAccount, StaffAccount } from "../../generated/prisma/client";
import { enqueueEmail } from "../../platform/mail/enqueue-email";
import { accessTurnedOffEmail } from "../notice-emails";
import type { LinkServiceDeps } from "./issue-access-link";
import { issueAccessLink } from "./issue-access-link";

export type RequestedLink = "reset" | "magic" | "confirm";

/**
 * Which email an account gets when its owner asks for a link. An invite that was never claimed gets a fresh
 * invite whatever was asked (it has no password to reset, and a magic link must not skip the invite's
 * identity check); a disabled account gets a notice saying why nothing works; an already confirmed address
 * asking for a confirmation gets nothing.
 */
export function chooseLinkKind(account: PortalAccount, requested: RequestedLink): AccessLinkKind | "access_turned_off" | null {
  if (account.status === "disabled") return "access_turned_off";
  if (!account.passwordHash) return "invite_client";
  if (requested === "confirm") return account.emailConfirmedAt ? null : "confirm";
  if (requested === "magic" && account.status !== "active") return "reset";
  return requested;
}

export async function sendRequestedLink(deps: LinkServiceDeps, firm: Firm, account: PortalAccount | null, requested: RequestedLink, issuedBy: string): Promise<AccessLinkKind | "access_turned_off" | null> {
  if (!account) return null;
  const kind = chooseLinkKind(account, requested);
  if (kind === "access_turned_off") {
    await enqueueEmail(deps.db, deps.config, { firmId: firm.id, kind, to: account.email, firmName: firm.name, content: accessTurnedOffEmail(deps.config, firm) });
    deps.kickMail();
  } else if (kind) {
    await issueAccessLink(deps, { firm, kind, holder: { kind: "portal", account }, issuedBy });
  }
  return kind;
}

/**
 * "Forgot password" on the staff console: an active staff member gets a reset link; one who never set a
 * password gets a fresh staff invite (an hour, as ever); a disabled one gets the notice. Never a magic link.
 */
export async function sendStaffReset(deps: LinkServiceDeps, firm: Firm, staff: StaffAccount | null, issuedBy: string): Promise<AccessLinkKind | "access_turned_off" | null> {
  if (!staff) return null;
  if (staff.status === "disabled") {
    await enqueueEmail(deps.db, deps.config, { firmId: firm.id, kind: "access_turned_off", to: staff.email, firmName: firm.name, content: accessTurnedOffEmail(deps.config, firm) });
    deps.kickMail();
    return "access_turned_off";
  }
  const kind = staff.passwordHash ? "reset" : "invite_staff";
  await issueAccessLink(deps, { firm, kind, holder: { kind: "staff", account: staff }, issuedBy });
  return kind;
}
