import type { StaffAccount, StaffRole } from "../generated/prisma/client";

/**
 * Who acts for the firm: a staff member on the console, an API token (with the role it was given), or the
 * gateway's operator at the CLI. The console's role rules (accounts/staff-roles.ts) read `role` alike for all
 * three, and `label` is what is kept on what they change ("turned off by staff:ana@firm.com").
 */
export interface Actor {
  role: StaffRole;
  label: string;
}

export const staffActor = (staff: Pick<StaffAccount, "role" | "email">): Actor => ({ role: staff.role, label: `staff:${staff.email}` });

export const apiTokenActor = (token: { role: StaffRole; name: string }): Actor => ({ role: token.role, label: `api-token:${token.name}` });

/** The operator runs the gateway itself: every firm, every role. */
export const operatorActor: Actor = { role: "owner", label: "operator (cli)" };
