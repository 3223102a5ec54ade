import { parseDateOfBirth } from "../../../src/access-links/date-of-birth";

const today = new Date("2026-11-22T12:00:00Z");
const ok = (input: string) => parseDateOfBirth(input, today);

describe("parseDateOfBirth", () => {
  test.each(["04/27/1985", "4/27/1985", "04-27-1985", "04.27.1985", " 04 / 27 / 1985 ", "04271985", "1985-04-27"])("accepts %j", (input) => {
    expect(ok(input)).toEqual({ ok: true, iso: "1985-04-27" });
  });

  test("accepts 29 February in a leap year only", () => {
    expect(ok("02/29/2000")).toEqual({ ok: true, iso: "2000-02-29" });
    expect(ok("02/29/1999")).toEqual({ ok: false, message: expect.stringContaining("February 1999 has 28 days") });
  });

  test.each([
    ["", "Enter your date of birth"],
    ["04/31/1985", "April 1985 has 30 days"],
    ["13/01/1985", "Enter the month first"],
    ["13/13/1985", "The month must be between 01 and 12"],
    ["04/27/85", "all four digits"],
    ["04/27/1885", "Check the year"],
    ["04/27/2030", "in the future"],
    ["April 27th", "MM/DD/YYYY"],
    ["00/10/1985", "The month must be between 01 and 12"],
    ["04/00/1985", "not a real date"],
  ])("refuses %j with a message saying what to fix", (input, message) => {
    const result = ok(input);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.message).toContain(message);
  });
});
