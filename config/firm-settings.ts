import { z } from "zod";
import type { Config } from "./index";

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
