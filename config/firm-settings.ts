import { z } from "zod";
import type { Config } from "./index";

/**
 * A firm's own settings (the Firm.settings JSON): policy (passwords, lockout, link lifetimes, the identity
 * check) and presentation (brand colour, support contact, locale, time zone, currency). Every field is
 * optional: unset means the gateway's default. Firms may make policy stricter, never weaker than the product
 * (the password minimum only goes up).
 *
 * Reading API (stable; the portal, emails, sign-in and the console read through these):
 * - readFirmSettings(stored): the stored settings, each field checked on its own (a bad value is dropped, the
 *   rest stay);
 * - effectiveFirmPolicy(stored, config): the sign-in and password policy in force;
 * - firmPresentation(stored): support contact, locale, time zone, currency and colour with their defaults.
 *
 * Adding a setting: add it to firmSettingsShape with `.meta({ label, group })` (and a hint where it helps): the
 * console's Settings page shows and validates every field that has a label (console/use-cases/firm-settings.ts).
 */

/** The product's defaults for how dates and amounts read: today's behaviour before a firm sets its own. */
export const presentationDefaults = { locale: "en-US", timeZone: "UTC", currency: "USD" } as const;

// What isTimeZone answered, by zone: the firm's settings are read on every page load, and asking Intl builds a
// formatter each time (a twelfth of the client page's CPU in a profile). Bounded: values come from stored settings.
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

const currencies = new Set(Intl.supportedValuesOf("currency"));
/** Locales the portal formats dates and amounts in (Intl supports them all; this keeps the choice short and meaningful). */
export const supportedLocales = ["en-US", "en-GB", "en-CA", "en-AU", "en-NZ", "en-IE", "fr-FR", "fr-CA", "de-DE", "es-ES", "es-MX", "it-IT", "nl-NL", "pt-BR", "sv-SE"] as const;

const lifetime = (min: number, max: number, label: string) =>
  z.number().int().min(min, `at least ${min} minutes`).max(max, `at most ${max} minutes`).optional().meta({ label, group: "links" });

/** The firm's link lifetimes, per kind. Upper bounds keep a forwarded or leaked link from living for months. */
export const linkLifetimesShape = {
  invite_client: lifetime(60, 30 * 24 * 60, "Client invite link lifetime (minutes)"),
  invite_staff: lifetime(15, 24 * 60, "Staff invite link lifetime (minutes)"),
  reset: lifetime(10, 24 * 60, "Password reset link lifetime (minutes)"),
  magic: lifetime(5, 60, "Sign-in link lifetime (minutes)"),
  confirm: lifetime(60, 7 * 24 * 60, "Email confirmation link lifetime (minutes)"),
};

/**
 * The company-scoping sync's own settings for the firm (src/psa/): its schedule and mass-disable guard; unset means
 * the gateway's (SYNC_*). Stored under `sync`, where each is read leniently (a bad value falls back on its own).
 */
const syncMinutes = "a number of minutes from 1 to 10080, or off";
const syncTime = "a time such as 03:30, or off";
export const syncSettingsShape = {
  incrementalMinutes: z
    .union([z.number().int(syncMinutes).min(1, syncMinutes).max(7 * 24 * 60, syncMinutes), z.literal("off")], syncMinutes)
    .optional()
    .meta({ label: "Incremental sync every (minutes, or off)", group: "sync", hint: "How often the PSA's changes are read. Empty: the gateway's schedule." }),
  fullAt: z
    .union([z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, syncTime), z.literal("off")], syncTime)
    .optional()
    .meta({ label: "Nightly full sync at (HH:MM in UTC, or off)", group: "sync" }),
  massDisablePercent: z.number().min(0).max(100, "at most 100").optional().meta({ label: "Hold a run that would turn off more than this % of active clients", group: "sync" }),
  massDisableMax: z
    .number()
    .int()
    .min(0)
    .optional()
    .meta({ label: "… or more than this many clients", group: "sync", hint: "Held runs wait on the Sync page for an owner or admin to apply or discard them." }),
};

export const firmSettingsShape = {
  brandColor: z
    .string()
    .regex(/^#[0-9a-f]{6}$/i, "a colour such as #0b5cad")
    .transform((v) => v.toLowerCase())
    .optional()
    .meta({ label: "Brand colour", group: "branding", hint: "The portal's header and the emails' buttons. It must be dark enough for white text on it." }),
  /** SHA-256 of the uploaded logo (FirmLogo), so pages link a logo without reading it; set by the logo upload only. */
  logoHash: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  supportEmail: z.email("an email address such as help@yourfirm.com").max(254).optional().meta({ label: "Support email", group: "contact", hint: "Clients who are stuck are told to write here, on the portal and in emails." }),
  supportPhone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ().-]{6,25}(\s*(x|ext\.?)\s*\d{1,6})?$/i, "a phone number such as +1 555 010 0199")
    .optional()
    .meta({ label: "Support phone", group: "contact" }),
  locale: z.enum(supportedLocales, `one of ${supportedLocales.join(", ")}`).optional().meta({ label: "Locale (how dates and amounts read)", group: "regional" }),
  timeZone: z
    .string()
    .refine(isTimeZone, "a time zone such as America/New_York or UTC")
    .optional()
    .meta({ label: "Time zone", group: "regional" }),
  currency: z
    .string()
    .transform((v) => v.toUpperCase())
    .refine((v) => currencies.has(v), "a currency code such as USD, CAD, EUR or GBP")
    .optional()
    .meta({ label: "Currency", group: "regional" }),
  showClosedProjects: z.boolean().optional().meta({ label: "Clients may list their closed projects", group: "portal" }),
  passwordMinLength: z.number().int().min(8).max(64, "at most 64").optional().meta({ label: "Minimum password length", group: "security", hint: "Only raises the product's minimum." }),
  lockoutMaxFailures: z.number().int().min(1, "at least 1").max(20, "at most 20").optional().meta({ label: "Failed sign-ins before a lock", group: "security" }),
  lockoutWindowMinutes: z.number().int().min(1).max(24 * 60, "at most 1440").optional().meta({ label: "Counted over (minutes)", group: "security" }),
  lockoutDurationMinutes: z.number().int().min(1).max(24 * 60, "at most 1440").optional().meta({ label: "Lock lasts (minutes)", group: "security" }),
  identityCheck: z.enum(["off", "date_of_birth"], 'either "off" or "date_of_birth"').optional().meta({ label: "Identity check at invite claim", group: "security" }),
  linkLifetimesMinutes: z.object(linkLifetimesShape).partial().optional(),
  /** The company-scoping sync (src/psa/): this firm's schedule and mass-disable guard; unset means the gateway's. */
  sync: z
    .object({
      /** Minutes between incremental runs, or "off". */
      incrementalMinutes: syncSettingsShape.incrementalMinutes.catch(undefined),
      /** The nightly full reconciliation, HH:MM in UTC, or "off". */
      fullAt: syncSettingsShape.fullAt.catch(undefined),
      /** A run that would disable more than this share of the firm's active accounts is held for review. */
      massDisablePercent: syncSettingsShape.massDisablePercent.catch(undefined),
      /** ... or more than this many accounts (the gateway's SYNC_MASS_DISABLE_MAX is the most a firm may set). */
      massDisableMax: syncSettingsShape.massDisableMax.catch(undefined),
    })
    .partial()
    .optional()
    .catch(undefined),
};

export const firmSettingsSchema = z.object(firmSettingsShape);

export type FirmSettings = z.infer<typeof firmSettingsSchema>;
export type FirmSettingKey = keyof FirmSettings;

const readSettings = new WeakMap<object, FirmSettings>();
const NO_SETTINGS: FirmSettings = Object.freeze({});

/**
 * The stored settings, each field read on its own: a value that no longer passes its check (a bound tightened
 * since, a hand-edited row) falls back to the default without taking the other settings with it. A page load
 * asks several times for the same cached firm's settings, so each stored object is read once; the answer is
 * frozen, since it is shared.
 */
export function readFirmSettings(stored: unknown): FirmSettings {
  if (stored === null || typeof stored !== "object" || Array.isArray(stored)) return NO_SETTINGS;
  const known = readSettings.get(stored);
  if (known) return known;
  const settings = deepFreeze(readEachSetting(stored as Record<string, unknown>));
  readSettings.set(stored, settings);
  return settings;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

function readEachSetting(record: Record<string, unknown>): FirmSettings {
  const settings: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(firmSettingsShape) as Array<[string, z.ZodType]>) {
    if (record[key] === undefined) continue;
    if (key === "linkLifetimesMinutes") {
      const lifetimes = readLinkLifetimes(record[key]);
      if (Object.keys(lifetimes).length) settings[key] = lifetimes;
      continue;
    }
    const parsed = schema.safeParse(record[key]);
    if (parsed.success) settings[key] = parsed.data;
  }
  return settings as FirmSettings;
}

function readLinkLifetimes(stored: unknown): NonNullable<FirmSettings["linkLifetimesMinutes"]> {
  const record = stored !== null && typeof stored === "object" ? (stored as Record<string, unknown>) : {};
  const out: Record<string, number> = {};
  for (const [kind, schema] of Object.entries(linkLifetimesShape)) {
    const parsed = schema.safeParse(record[kind]);
    if (parsed.success && parsed.data !== undefined) out[kind] = parsed.data;
  }
  return out;
}

export interface EffectiveFirmPolicy {
  passwordMinLength: number;
  lockoutMaxFailures: number;
  lockoutWindowMinutes: number;
  lockoutDurationMinutes: number;
}

/** The firm's policy in force: its settings over the gateway defaults; the password minimum never below the product's. */
export function effectiveFirmPolicy(stored: unknown, config: Config): EffectiveFirmPolicy {
  const settings = readFirmSettings(stored);
  return {
    passwordMinLength: Math.max(config.PASSWORD_MIN_LENGTH, settings.passwordMinLength ?? 0),
    lockoutMaxFailures: settings.lockoutMaxFailures ?? config.LOCKOUT_MAX_FAILURES,
    lockoutWindowMinutes: settings.lockoutWindowMinutes ?? config.LOCKOUT_WINDOW_MINUTES,
    lockoutDurationMinutes: settings.lockoutDurationMinutes ?? config.LOCKOUT_DURATION_MINUTES,
  };
}

/** How the firm presents itself to its clients: on the portal's pages and in its emails. */
export interface FirmPresentation {
  locale: string;
  timeZone: string;
  currency: string;
  brandColor: string | null;
  logoHash: string | null;
  /** Where a stuck client is sent instead of a dead end; null when the firm has not set one. */
  supportEmail: string | null;
  supportPhone: string | null;
}

export function firmPresentation(stored: unknown): FirmPresentation {
  const settings = readFirmSettings(stored);
  return {
    locale: settings.locale ?? presentationDefaults.locale,
    timeZone: settings.timeZone ?? presentationDefaults.timeZone,
    currency: settings.currency ?? presentationDefaults.currency,
    brandColor: settings.brandColor ?? null,
    logoHash: settings.logoHash ?? null,
    supportEmail: settings.supportEmail ?? null,
    supportPhone: settings.supportPhone ?? null,
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
  const presentation = firmPresentation(stored);
  return {
    supportEmail: presentation.supportEmail,
    supportPhone: presentation.supportPhone,
    timeZone: presentation.timeZone,
    showClosedProjects: readFirmSettings(stored).showClosedProjects ?? false,
  };
}

export interface EffectiveSyncSettings {
  incrementalMinutes: number | "off";
  /** Minutes after midnight UTC, or "off". */
  fullAtMinute: number | "off";
  massDisablePercent: number;
  massDisableMax: number;
}

const minuteOfDay = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * A firm's sync schedule and mass-disable guard: its own values over the gateway's (SYNC_*). The guard's
 * account cap is the operator's ceiling: a firm may lower it, never raise it.
 */
export function effectiveSyncSettings(stored: unknown, config: Config): EffectiveSyncSettings {
  const sync = readFirmSettings(stored).sync ?? {};
  const fullAt = sync.fullAt ?? config.SYNC_FULL_AT;
  return {
    incrementalMinutes: sync.incrementalMinutes ?? config.SYNC_INCREMENTAL_MINUTES,
    fullAtMinute: fullAt === "off" ? "off" : minuteOfDay(fullAt),
    massDisablePercent: sync.massDisablePercent ?? config.SYNC_MASS_DISABLE_PERCENT,
    massDisableMax: Math.min(sync.massDisableMax ?? config.SYNC_MASS_DISABLE_MAX, config.SYNC_MASS_DISABLE_MAX),
  };
}
