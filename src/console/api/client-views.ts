import { z } from "zod";
import type { PortalAccount } from "../../generated/prisma/client";
import type { Invited } from "../use-cases/invite-client";

/** A client account as the admin API answers it (never its password hash). */
export const clientView = z.object({
  id: z.uuid(),
  email: z.string(),
  status: z.enum(["invited", "active", "disabled"]),
  statusReason: z.string().nullable(),
  statusChangedBy: z.string().nullable(),
  lastSignInAt: z.iso.datetime().nullable(),
});

export const presentClient = (account: PortalAccount): z.infer<typeof clientView> => ({
  id: account.id,
  email: account.email,
  status: account.status,
  statusReason: account.statusReason,
  statusChangedBy: account.statusChangedBy,
  lastSignInAt: account.lastSignInAt?.toISOString() ?? null,
});

export const accountIdParams = z.object({ accountId: z.string().max(64) });

/** What an invite did (clients and staff alike): the link only when `delivery` was "link". */
export const invitedView = z.discriminatedUnion("kind", [
  z.object({ kind: z.enum(["invited", "reinvited"]), email: z.string(), expiresAt: z.iso.datetime(), url: z.string().optional().describe("the invite link, shown this once (delivery: link)") }),
  z.object({ kind: z.enum(["already_active", "disabled"]), email: z.string() }),
  z.object({
    kind: z.literal("check_address"),
    email: z.string(),
    problem: z.string().describe("why the PSA would show this address no projects; invite with confirmed: true to send anyway"),
    suggestion: z.string().nullable(),
    detail: z.string().nullable(),
  }),
]);

export const presentInvited = (invited: Invited): z.infer<typeof invitedView> =>
  "expiresAt" in invited ? { ...invited, expiresAt: invited.expiresAt.toISOString() } : invited;

export const inviteDelivery = z.enum(["email", "link"]).default("email").describe("email: sent by the gateway; link: returned once to hand over");
