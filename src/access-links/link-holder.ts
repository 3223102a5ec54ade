import type { PasswordHolder } from "../accounts/use-cases/change-account-password";
import type { SessionUser } from "../platform/http/request-state";
import type { HeldLink } from "./find-link";

/** The account a link names, as the accounts use-cases take it; null for a link that names none. */
export function holderOf(link: HeldLink): PasswordHolder | null {
  if (link.portalAccount) return { kind: "portal", account: link.portalAccount };
  if (link.staffAccount) return { kind: "staff", account: link.staffAccount };
  return null;
}

/** Which of the account's links a password change revokes. */
export const linksOf = (holder: PasswordHolder) => (holder.kind === "portal" ? { portalAccountId: holder.account.id } : { staffAccountId: holder.account.id });

/** The audit trail's account columns for the holder. */
export const auditOwner = (holder: PasswordHolder) => linksOf(holder);

/** The session a link signs its holder in with: a staff link never makes a client session, nor the reverse. */
export const sessionFor = (holder: PasswordHolder, firmId: string): SessionUser => ({ kind: holder.kind, id: holder.account.id, firmId });
