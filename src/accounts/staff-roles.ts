import type { StaffAccount, StaffRole } from "../generated/prisma/client";

/** Owners and admins change the firm's settings and clients' access; support staff look, test and invite clients. */
export const isOwnerOrAdmin = (staff: Pick<StaffAccount, "role">): boolean => staff.role === "owner" || staff.role === "admin";

/** Which roles each role may hand out: nobody grants more than they hold, and support grants nothing. */
export const grantableRoles: Record<StaffRole, StaffRole[]> = { owner: ["owner", "admin", "support"], admin: ["admin", "support"], support: [] };
