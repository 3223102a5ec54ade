import { firmPortalSettings, firmPresentation, readFirmSettings } from "../../../config/firm-settings";
import { createFormatter, todayIn } from "../../../src/platform/formatting";
import { emailBrandOf, formatterFor, howToReach } from "../../../src/firms/firm-presentation";
import { loadConfig } from "../../../config";

const instant = new Date("2026-12-04T20:15:00Z");

describe("a firm's presentation: locale, time zone, currency, contact and colour", () => {
  test("with nothing set, dates, times and amounts read as today: en-US, UTC, USD, the zone named", () => {
    const format = formatterFor({ settings: {} });
    expect(format.date(instant)).toBe("December 4, 2026");
    expect(format.time(instant)).toBe("8:15 PM UTC");
    expect(format.dateTime(instant)).toBe("December 4, 2026 at 8:15 PM UTC");
    expect(format.money(125000)).toBe("$125,000");
  });

  test("a firm's own zone, locale and currency change every format, and a calendar date never shifts with the zone", () => {
    const newYork = formatterFor({ settings: { timeZone: "America/New_York" } });
    expect(newYork.dateTime(instant)).toBe("December 4, 2026 at 3:15 PM EST");
    // 01:00 UTC on the 5th is still the 4th in New York.
    expect(newYork.date(new Date("2026-12-05T01:00:00Z"))).toBe("December 4, 2026");
    expect(newYork.calendarDate(new Date("2026-01-05T00:00:00Z"))).toBe("January 5, 2026");
    const berlin = formatterFor({ settings: { locale: "de-DE", timeZone: "Europe/Berlin", currency: "EUR" } });
    expect(berlin.date(instant)).toBe("4. Dezember 2026");
    expect(berlin.money(125000)).toMatch(/^125\.000\s€$/);
    expect(createFormatter({ locale: "en-GB", timeZone: "Europe/London", currency: "GBP" }).money(99.6)).toBe("£100");
  });

  test("each stored setting is read on its own: a bad one falls back to the default without taking the others with it", () => {
    const stored = { timeZone: "Mars/Olympus", currency: "eur", supportEmail: "help@acme.example", lockoutMaxFailures: "many", linkLifetimesMinutes: { magic: 10, reset: 999999 } };
    expect(readFirmSettings(stored)).toEqual({ currency: "EUR", supportEmail: "help@acme.example", linkLifetimesMinutes: { magic: 10 } });
    expect(firmPresentation(stored)).toMatchObject({ timeZone: "UTC", currency: "EUR", locale: "en-US", supportEmail: "help@acme.example", supportPhone: null });
    expect(readFirmSettings(null)).toEqual({});
    expect(readFirmSettings([1, 2])).toEqual({});
  });

  test("hours read in the firm's locale to one decimal; the same calendar day reads the same however often and however given", () => {
    expect(formatterFor({ settings: {} }).quantity(1234.56)).toBe("1,234.6");
    expect(formatterFor({ settings: { locale: "de-DE" } }).quantity(1234.5)).toBe("1.234,5");
    expect(formatterFor({ settings: {} }).quantity(12)).toBe("12");
    const format = formatterFor({ settings: { timeZone: "Pacific/Honolulu" } });
    for (let i = 0; i < 3; i++) {
      expect(format.calendarDate("2026-01-05")).toBe("January 5, 2026");
      expect(format.calendarDate("2026-01-05T23:30:00-10:00")).toBe("January 5, 2026");
      expect(format.calendarDate(new Date("2026-01-05T00:00:00Z"))).toBe("January 5, 2026");
    }
    expect(format.calendarDate("2026-01-06")).toBe("January 6, 2026");
    expect(() => format.calendarDate("not a day")).toThrow(RangeError);
  });

  test("today in a zone turns at that zone's midnight, asked minute after minute", () => {
    // New York's midnight on Dec 5 is 05:00 UTC: the 4th up to the last minute before it, the 5th from it on.
    expect(todayIn("America/New_York", new Date("2026-12-05T04:59:00Z"))).toBe("2026-12-04");
    expect(todayIn("America/New_York", new Date("2026-12-05T04:59:59Z"))).toBe("2026-12-04");
    expect(todayIn("America/New_York", new Date("2026-12-05T05:00:00Z"))).toBe("2026-12-05");
    expect(todayIn("Asia/Kolkata", new Date("2026-12-04T18:29:00Z"))).toBe("2026-12-04");
    expect(todayIn("Asia/Kolkata", new Date("2026-12-04T18:30:00Z"))).toBe("2026-12-05");
    expect(todayIn("America/New_York", new Date("2026-12-05T04:59:00Z"))).toBe("2026-12-04");
  });

  test("a stored settings object is read once and shared, frozen; a changed row is read again", () => {
    const stored = { timeZone: "Europe/Berlin", linkLifetimesMinutes: { magic: 10 } };
    const first = readFirmSettings(stored);
    expect(readFirmSettings(stored)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.linkLifetimesMinutes)).toBe(true);
    expect(readFirmSettings({ ...stored, timeZone: "Asia/Tokyo" }).timeZone).toBe("Asia/Tokyo");
  });

  test("'contact your firm' names the firm's support contact when it has one", () => {
    expect(howToReach({ name: "Acme Design", settings: {} })).toBe("Acme Design");
    expect(howToReach({ name: "Acme Design", settings: { supportEmail: "help@acme.example", supportPhone: "+1 555 010 0199" } })).toBe("Acme Design at help@acme.example or +1 555 010 0199");
    const brand = emailBrandOf(loadConfig({ PUBLIC_URL: "https://portal.example" }), { name: "Acme", slug: "acme", settings: { brandColor: "#123456", logoHash: "a".repeat(64), supportPhone: "+1 555 010 0199" } });
    expect(brand).toEqual({ color: "#123456", logoUrl: `https://portal.example/portal/acme/logo/${"a".repeat(64)}`, firmName: "Acme", contactLine: "Questions? Contact Acme at +1 555 010 0199." });
  });
});

test("the portal's settings (support contact, time zone, closed projects) default safely, and one bad value loses only itself", () => {
  expect(firmPortalSettings({})).toEqual({ supportEmail: null, supportPhone: null, timeZone: "UTC", showClosedProjects: false });
  const stored = { supportEmail: "help@northwind.test", supportPhone: "+1 555 0100", timeZone: "America/Chicago", showClosedProjects: true };
  expect(firmPortalSettings(stored)).toEqual(stored);
  expect(firmPortalSettings({ ...stored, timeZone: "Mars/Olympus_Mons", supportEmail: "not an email" })).toEqual({ ...stored, timeZone: "UTC", supportEmail: null });
});
