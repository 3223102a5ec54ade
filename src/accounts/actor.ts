import type { StaffAccount, StaffRole } from "../generated/prisma/client";

/**
 * Who acts for the firm: a staff member on the console, an API token (with the role it was given), or the
 * gateway's operator at the CLI. The console's role rules (accounts/staff-roles.ts) read `role` alike for all
 * three; `label` is what is kept on what they change ("turned off by staff:ana@firm.com") and what the
 * staff-action log shows; `kind` and `id` say which staff account or token it was.
 */
export interface Actor {
  role: StaffRole;
  label: string;
  kind: "staff" | "api_token" | "operator" | "system";
  /** The staff account's or API token's id; null for the operator or the system. */
  id: string | null;
}

export const staffActor = (staff: Pick<StaffAccount, "id" | "role" | "email">): Actor => ({ role: staff.role, label: `staff:${staff.email}`, kind: "staff", id: staff.id });

export const apiTokenActor = (token: { id?: string; role: StaffRole; name: string }): Actor => ({ role: token.role, label: `api-token:${token.name}`, kind: "api_token", id: token.id ?? null });

/** The operator runs the gateway itself: every firm, every role. */
export const operatorActor: Actor = { role: "owner", label: "operator (cli)", kind: "operator", id: null };
