import { ConfigError, loadConfig, parseTrustProxy } from "../../config";
import { effectiveFirmPolicy, firmPortalSettings } from "../../config/firm-settings";

describe("configuration", () => {
  test("nothing set gives the embedded defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: "./data", LOCKOUT_MAX_FAILURES: 5, LOCKOUT_WINDOW_MINUTES: 15, PASSWORD_MIN_LENGTH: 12, SEED_DEMO: true });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  test("every bad setting is reported at once, each with what is expected", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", REDIS_URL: "localhost:6379", SESSION_SECRET: "short" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL: must be a postgres:\/\//);
    expect(problems).toMatch(/REDIS_URL: must be a redis:\/\//);
    expect(problems).toMatch(/SESSION_SECRET: must be at least 32 characters/);
  });

  test("the snapshot schedule is a cron expression or off, and a typo says what is expected", () => {
    expect(loadConfig({}).PSA_SNAPSHOT_CRON).toBe("17 * * * *");
    expect(loadConfig({ PSA_SNAPSHOT_CRON: "off" }).PSA_SNAPSHOT_CRON).toBe("off");
    expect(loadConfig({ PSA_SNAPSHOT_CRON: "*/30 * * * *" }).PSA_SNAPSHOT_CRON).toBe("*/30 * * * *");
    expect(() => loadConfig({ PSA_SNAPSHOT_CRON: "every hour" })).toThrow(/PSA_SNAPSHOT_CRON.*must be a cron expression such as "17 \* \* \* \*", or "off"/);
  });

  test("production requires a session secret", () => {
    expect(() => loadConfig({ NODE_ENV: "production", SMTP_URL: "smtp://mail.example:587" })).toThrow(/SESSION_SECRET: required when NODE_ENV=production/);
  });

  test("production refuses to start without SMTP_URL (the outbox mode logs live link tokens) unless MAIL_OUTBOX_ONLY=true says so", () => {
    const secret = "s".repeat(40);
    expect(() => loadConfig({ NODE_ENV: "production", SESSION_SECRET: secret })).toThrow(/SMTP_URL: required when NODE_ENV=production .*MAIL_OUTBOX_ONLY=true/);
    expect(loadConfig({ NODE_ENV: "production", SESSION_SECRET: secret, SMTP_URL: "smtp://mail.example:587" }).SMTP_URL).toBe("smtp://mail.example:587");
    expect(loadConfig({ NODE_ENV: "production", SESSION_SECRET: secret, MAIL_OUTBOX_ONLY: "true" }).MAIL_OUTBOX_ONLY).toBe(true);
    expect(() => loadConfig({ NODE_ENV: "production", SESSION_SECRET: secret, MAIL_OUTBOX_ONLY: "false" })).toThrow(/SMTP_URL/);
    // Both production problems are listed at once.
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET[\s\S]*SMTP_URL/);
    // Development keeps the outbox + log default: the demo needs no mail server.
    expect(loadConfig({}).SMTP_URL).toBeUndefined();
  });

  test("empty strings count as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });

  test("TRUST_PROXY takes true/false, a hop count or a list", () => {
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("true")).toBe(true);
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("loopback, 10.0.0.0/8")).toEqual(["loopback", "10.0.0.0/8"]);
  });

  test("a firm may make the password and lockout policy stricter, never weaker", () => {
    const config = loadConfig({});
    expect(effectiveFirmPolicy({ passwordMinLength: 16, lockoutMaxFailures: 3 }, config)).toEqual({ passwordMinLength: 16, lockoutMaxFailures: 3, lockoutWindowMinutes: 15, lockoutDurationMinutes: 15 });
    expect(effectiveFirmPolicy({ passwordMinLength: 8 }, config).passwordMinLength).toBe(12);
    expect(effectiveFirmPolicy({ passwordMinLength: "lots" }, config).passwordMinLength).toBe(12);
  });

  test("a firm's portal settings default safely, and one bad value loses only itself", () => {
    expect(firmPortalSettings({})).toEqual({ supportEmail: null, supportPhone: null, timeZone: "UTC", showClosedProjects: false });
    const stored = { supportEmail: "help@northwind.test", supportPhone: "+1 555 0100", timeZone: "America/Chicago", showClosedProjects: true };
    expect(firmPortalSettings(stored)).toEqual(stored);
    // A zone Intl does not know would break every date on the portal: it falls back to UTC, the rest stays.
    const broken = { ...stored, timeZone: "Mars/Olympus_Mons", supportEmail: "not an email", identityCheck: "date_of_birth" };
    expect(firmPortalSettings(broken)).toEqual({ ...stored, timeZone: "UTC", supportEmail: null });
    expect(effectiveFirmPolicy({ ...broken, passwordMinLength: 16 }, loadConfig({})).passwordMinLength).toBe(16);
  });
});
