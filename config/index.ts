import { z } from "zod";
import { findInvalidAllowanceEntries } from "../connectors/shared/host-guard";

/**
 * The only place that reads process.env. Parsed once at start; a bad setting stops the start with every
 * problem listed (see formatConfigErrors). The README's configuration table mirrors this schema, and a test
 * keeps them in step.
 */
const boolish = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const positiveInt = z.coerce.number().int().positive();

/** A number of minutes (1 to a week), or "off". */
const minutesOrOff = z
  .string()
  .trim()
  .refine((v) => v === "off" || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 7 * 24 * 60), 'must be a number of minutes (1 to 10080), or "off"')
  .transform((v): number | "off" => (v === "off" ? "off" : Number(v)));

/** A time of day, HH:MM in UTC, or "off". */
const timeOfDayOrOff = z
  .string()
  .trim()
  .refine((v) => v === "off" || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), 'must be a time of day in UTC such as "02:00", or "off"');

/**
 * PSA hosts on private networks the operator allows: "true" for all, or a comma-separated list of host names,
 * addresses and CIDR ranges (an on-premises ConnectWise). Unset: none, so a PSA address on loopback, RFC 1918,
 * link-local (cloud metadata) or another internal network is refused.
 */
const privateHostAllowance = z
  .string()
  .trim()
  .transform((value, context): true | string[] => {
    if (/^(true|1|yes)$/i.test(value)) return true;
    if (/^(false|0|no)$/i.test(value)) return [];
    const entries = value.split(",").map((entry) => entry.trim()).filter(Boolean);
    const invalid = findInvalidAllowanceEntries(entries);
    if (invalid.length) context.addIssue({ code: "custom", message: `not a host name, IP address or CIDR range: ${invalid.join(", ")} (use e.g. cw.internal.example,10.0.0.0/8, or true)` });
    return entries;
  });

export const configSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** GET /metrics (Prometheus) listens here when set, on METRICS_HOST; never on the public port. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default("127.0.0.1"),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL").optional(),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  SESSION_TTL_HOURS: positiveInt.default(12),
  TRUST_PROXY: z.string().default("false"),
  LOCKOUT_MAX_FAILURES: positiveInt.default(5),
  LOCKOUT_WINDOW_MINUTES: positiveInt.default(15),
  LOCKOUT_DURATION_MINUTES: positiveInt.default(15),
  IP_MAX_FAILURES: positiveInt.default(50),
  IP_WINDOW_MINUTES: positiveInt.default(15),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(64).default(12),
  FIRM_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  COMPANY_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  PSA_TIME_BUDGET_MS: positiveInt.default(2000),
  PSA_TIMEOUT_MS: positiveInt.default(5000),
  MAX_STALENESS_HOURS: positiveInt.default(24),
  SYNC_INCREMENTAL_MINUTES: minutesOrOff.default(15),
  SYNC_FULL_AT: timeOfDayOrOff.default("02:00"),
  SYNC_MAX_CONCURRENT: z.coerce.number().int().min(1).max(64).default(2),
  SYNC_LOCK_SECONDS: z.coerce.number().int().min(10).max(3600).default(120),
  SYNC_OVERLAP_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(10),
  SYNC_MASS_DISABLE_PERCENT: z.coerce.number().min(0).max(100).default(10),
  SYNC_MASS_DISABLE_MAX: z.coerce.number().int().min(0).max(100_000).default(25),
  SYNC_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(1000),
  SYNC_PSA_SHARE_PERCENT: z.coerce.number().int().min(1).max(100).default(50),
  SEED_DEMO: boolish.default(true),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Email: SMTP when SMTP_URL is set; otherwise every email is kept in the outbox and printed to the log.
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  // Production without SMTP_URL is refused unless this says the outbox + log mode is meant (it logs live links).
  MAIL_OUTBOX_ONLY: boolish.default(false),
  MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, 'must be an address or "Name <address>"')
    .default("Client portal <no-reply@localhost>"),
  MAIL_POLL_SECONDS: positiveInt.default(5),
  MAIL_MAX_ATTEMPTS: positiveInt.default(8),
  LINK_EMAILS_PER_ADDRESS_PER_HOUR: positiveInt.default(5),
  LINK_EMAILS_PER_IP_PER_HOUR: positiveInt.default(30),
  API_REQUESTS_PER_MINUTE: positiveInt.default(600),
  PSA_ALLOW_PRIVATE_HOSTS: privateHostAllowance.default([]),
  CONNECTOR_SECRETS_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded (openssl rand -base64 32)")
    .optional(),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Settings that were retired, and what replaced them: an old value stops the start instead of being ignored. */
const retiredSettings: Record<string, string> = {
  PSA_SNAPSHOT_CRON:
    "the hourly PSA snapshot became the company-scoping sync: remove it and use SYNC_INCREMENTAL_MINUTES and SYNC_FULL_AT (PSA_SNAPSHOT_CRON=off becomes SYNC_INCREMENTAL_MINUTES=off and SYNC_FULL_AT=off)",
};

/** What a production start needs beyond valid values: a stable session secret, and email that leaves the machine. */
function productionProblems(config: Config): string[] {
  const problems: string[] = [];
  if (!config.SESSION_SECRET) problems.push("SESSION_SECRET: required when NODE_ENV=production (at least 32 random characters)");
  if (!config.SMTP_URL && !config.MAIL_OUTBOX_ONLY) {
    // Without SMTP every email stays in the outbox and its link is printed to the log: fine for a demo, a leak of
    // live sign-in links in production unless the operator means it.
    problems.push("SMTP_URL: required when NODE_ENV=production (without it every email's link is printed to the log); set MAIL_OUTBOX_ONLY=true to run without a mail server on purpose");
  }
  return problems;
}

/** Parse settings from an environment-like object. Empty strings count as unset. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.keys(configSchema.shape)
      .map((key) => [key, env[key]] as const)
      .filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = configSchema.safeParse(present);
  const problems = Object.entries(retiredSettings)
    .filter(([key]) => env[key] !== undefined && env[key] !== "")
    .map(([key, why]) => `${key}: ${why}`);
  if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const production = parsed.data.NODE_ENV === "production" ? productionProblems(parsed.data) : [];
  if (production.length) throw new ConfigError(production);
  return parsed.data;
}

/** Express's `trust proxy` from TRUST_PROXY: true/false, a hop count, or a comma-separated list of addresses. */
export function parseTrustProxy(value: string): boolean | number | string[] {
  if (value === "true") return true;
  if (value === "false") return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(",").map((part) => part.trim()).filter(Boolean);
}
