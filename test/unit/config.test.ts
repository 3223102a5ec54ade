import { ConfigError, loadConfig, parseTrustProxy } from "../../config";
import { effectiveFirmPolicy, effectiveSyncSettings, firmPortalSettings } from "../../config/firm-settings";

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

  test("the sync's schedule is minutes or off and a UTC time or off; a typo says what is expected", () => {
    expect(loadConfig({})).toMatchObject({ SYNC_INCREMENTAL_MINUTES: 15, SYNC_FULL_AT: "02:00", SYNC_MASS_DISABLE_PERCENT: 10, SYNC_MASS_DISABLE_MAX: 25 });
    expect(loadConfig({ SYNC_INCREMENTAL_MINUTES: "off", SYNC_FULL_AT: "off" })).toMatchObject({ SYNC_INCREMENTAL_MINUTES: "off", SYNC_FULL_AT: "off" });
    expect(loadConfig({ SYNC_INCREMENTAL_MINUTES: "30", SYNC_FULL_AT: "23:45" })).toMatchObject({ SYNC_INCREMENTAL_MINUTES: 30, SYNC_FULL_AT: "23:45" });
    expect(() => loadConfig({ SYNC_INCREMENTAL_MINUTES: "every hour" })).toThrow(/SYNC_INCREMENTAL_MINUTES: must be a number of minutes \(1 to 10080\), or "off"/);
    expect(() => loadConfig({ SYNC_FULL_AT: "2am" })).toThrow(/SYNC_FULL_AT: must be a time of day in UTC such as "02:00", or "off"/);
  });

  test("the retired PSA_SNAPSHOT_CRON stops the start and names what replaced it, beside the other problems", () => {
    let error: unknown;
    try {
      loadConfig({ PSA_SNAPSHOT_CRON: "off", PORT: "nope" });
    } catch (caught) {
      error = caught;
    }
    const problems = (error as ConfigError).problems.join("\n");
    expect(problems).toMatch(/PSA_SNAPSHOT_CRON: .*SYNC_INCREMENTAL_MINUTES and SYNC_FULL_AT \(PSA_SNAPSHOT_CRON=off becomes SYNC_INCREMENTAL_MINUTES=off and SYNC_FULL_AT=off\)/);
    expect(problems).toMatch(/PORT/);
  });

  test("a firm's sync settings go over the gateway's; the mass-disable cap is the operator's ceiling", () => {
    const config = loadConfig({});
    expect(effectiveSyncSettings({}, config)).toEqual({ incrementalMinutes: 15, fullAtMinute: 120, massDisablePercent: 10, massDisableMax: 25 });
    const own = { sync: { incrementalMinutes: "off", fullAt: "03:30", massDisablePercent: 50, massDisableMax: 100 } };
    expect(effectiveSyncSettings(own, config)).toEqual({ incrementalMinutes: "off", fullAtMinute: 210, massDisablePercent: 50, massDisableMax: 25 });
    expect(effectiveSyncSettings({ sync: { incrementalMinutes: "soon" } }, config).incrementalMinutes).toBe(15);
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
