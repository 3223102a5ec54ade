import type { AccessLinkKind } from "../generated/prisma/client";
import type { SignInReason } from "../sign-in/sign-in-reasons";
import { firmSettingsSchema } from "../../config/firm-settings";

/**
 * What each kind of link is for. Defaults follow the issue (and the reference systems in
 * docs/reference/auth-anchors.md): a client invite lasts a week because clients read mail late; a staff
 * invite and a reset an hour; a magic link, which signs in by itself, 15 minutes.
 */
export interface LinkKindInfo {
  /** The URL segment: /portal/{slug}/{path}/{token}. */
  path: "claim" | "reset" | "magic" | "confirm";
  defaultLifetimeMinutes: number;
  /** The audit reason recorded when the link is used. */
  claimReason: SignInReason | null;
  /** What the link does, in the words an email and a page use. */
  purpose: string;
}

export const linkKinds: Record<AccessLinkKind, LinkKindInfo> = {
  invite_client: { path: "claim", defaultLifetimeMinutes: 7 * 24 * 60, claimReason: "invite_claim", purpose: "set up your account" },
  invite_staff: { path: "claim", defaultLifetimeMinutes: 60, claimReason: "invite_claim", purpose: "set up your staff account" },
  reset: { path: "reset", defaultLifetimeMinutes: 60, claimReason: "reset_claim", purpose: "choose a new password" },
  magic: { path: "magic", defaultLifetimeMinutes: 15, claimReason: "magic_link_claim", purpose: "sign in" },
  confirm: { path: "confirm", defaultLifetimeMinutes: 24 * 60, claimReason: null, purpose: "confirm your email address" },
};

/** Which kinds a URL segment accepts: a reset token opened at /magic/... is simply not valid there. */
export function kindsForPath(path: LinkKindInfo["path"]): AccessLinkKind[] {
  return (Object.keys(linkKinds) as AccessLinkKind[]).filter((kind) => linkKinds[kind].path === path);
}

/** The firm's lifetime for a kind (Firm.settings.linkLifetimesMinutes), else the default. */
export function linkLifetimeMinutes(firmSettings: unknown, kind: AccessLinkKind): number {
  const parsed = firmSettingsSchema.safeParse(firmSettings ?? {});
  return (parsed.success ? parsed.data.linkLifetimesMinutes?.[kind] : undefined) ?? linkKinds[kind].defaultLifetimeMinutes;
}
