import { z } from "zod";
import type { Config } from "./index";

// What isTimeZone answered, by zone: settings are parsed on every page load, and asking Intl builds a formatter
// (a twelfth of the client page's CPU in a profile). Bounded, as the values come from stored settings.
const knownZones = new Map<string, boolean>();

/** Whether Intl knows the zone (what formatting will use), so a stored zone can never break a page. */
export function isTimeZone(value: string): boolean {
  const known = knownZones.get(value);
  if (known !== undefined) return known;
  let valid = true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
  } catch {
    valid = false;
  }
  if (knownZones.size >= 1_000) knownZones.clear();
  knownZones.set(value, valid);
  return valid;
}

/**
 * A firm's own settings (Firm.settings JSON). Every field is optional: unset means the gateway default
 * from configuration. Firms may make policy stricter, never weaker (e.g. password length only upward).
 */
export const firmSettingsSchema = z.object({
  passwordMinLength: z.number().int().min(8).max(64).optional(),
  lockoutMaxFailures: z.number().int().min(1).max(100).optional(),
  lockoutDurationMinutes: z.number().int().min(1).max(24 * 60).optional(),
  linkLifetimesMinutes: z
    .object({
      invite_client: z.number().int().positive().optional(),
      invite_staff: z.number().int().positive().optional(),
      reset: z.number().int().positive().optional(),
      magic: z.number().int().positive().optional(),
      confirm: z.number().int().positive().optional(),
    })
    .partial()
    .optional(),
  identityCheck: z.enum(["off", "date_of_birth"]).optional(),
  // What a client reads on the portal. A bad stored value falls back to the default (`.catch`) instead of
  // making the whole settings object unreadable for the sign-in policy above.
  /** The firm's support contact, shown to clients wherever they may need a person (no-projects pages, the team section). */
  supportEmail: z.string().trim().email().max(254).optional().catch(undefined),
  supportPhone: z.string().trim().min(3).max(40).optional().catch(undefined),
  /** An IANA time zone ("America/New_York"): every date and time a client or staff member reads is shown in it, named. */
  timeZone: z.string().refine(isTimeZone, "must be an IANA time zone such as America/New_York").optional().catch(undefined),
  /** Whether clients may list their company's closed projects (off: only open and on-hold ones). */
  showClosedProjects: z.boolean().optional().catch(undefined),
});

export type FirmSettings = z.infer<typeof firmSettingsSchema>;

export interface EffectiveFirmPolicy {
  passwordMinLength: number;
  lockoutMaxFailures: number;
  lockoutDurationMinutes: number;
}

/** Merge a firm's stored settings over the gateway defaults. Unknown or malformed stored values are ignored. */
export function effectiveFirmPolicy(stored: unknown, config: Config): EffectiveFirmPolicy {
  const parsed = firmSettingsSchema.safeParse(stored ?? {});
  const settings: FirmSettings = parsed.success ? parsed.data : {};
  return {
    passwordMinLength: Math.max(config.PASSWORD_MIN_LENGTH, settings.passwordMinLength ?? 0),
    lockoutMaxFailures: settings.lockoutMaxFailures ?? config.LOCKOUT_MAX_FAILURES,
    lockoutDurationMinutes: settings.lockoutDurationMinutes ?? config.LOCKOUT_DURATION_MINUTES,
  };
}

/** What a firm's clients are shown besides their projects: whom to ask, in which time zone, and which projects. */
export interface FirmPortalSettings {
  supportEmail: string | null;
  supportPhone: string | null;
  /** UTC unless the firm set its own. */
  timeZone: string;
  showClosedProjects: boolean;
}

export function firmPortalSettings(stored: unknown): FirmPortalSettings {
  const parsed = firmSettingsSchema.safeParse(stored ?? {});
  const settings: FirmSettings = parsed.success ? parsed.data : {};
  return {
    supportEmail: settings.supportEmail ?? null,
    supportPhone: settings.supportPhone ?? null,
    timeZone: settings.timeZone ?? "UTC",
    showClosedProjects: settings.showClosedProjects ?? false,
  };
}
