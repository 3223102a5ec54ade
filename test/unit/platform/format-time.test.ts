import { isTimeZone } from "../../../config/firm-settings";
import { formatClock, formatDay, formatMoment, todayIn } from "../../../src/platform/format-time";

/* The formatters are built once per zone (issue 15): each zone still gets its own, and asking again changes nothing. */

const moment = new Date("2026-12-05T03:30:00Z");

test("each zone formats in that zone, however often and in whatever order it is asked", () => {
  for (let round = 0; round < 2; round++) {
    expect(formatClock(moment, "America/New_York")).toBe("10:30 PM EST");
    expect(formatClock(moment, "Europe/Paris")).toBe("4:30 AM GMT+1");
    expect(formatClock(moment, "UTC")).toBe("3:30 AM UTC");
    expect(formatMoment(moment, "America/New_York")).toBe("December 4, 2026 at 10:30 PM EST");
    expect(todayIn("America/New_York", moment)).toBe("2026-12-04");
    expect(todayIn("Asia/Tokyo", moment)).toBe("2026-12-05");
    expect(formatDay("2027-06-18T00:00:00-07:00")).toBe("June 18, 2027");
  }
});

test("today turns over at the zone's midnight, also when asked within the same minute before and after", () => {
  expect(todayIn("America/New_York", new Date("2026-12-05T04:59:00Z"))).toBe("2026-12-04");
  expect(todayIn("America/New_York", new Date("2026-12-05T04:59:59Z"))).toBe("2026-12-04");
  expect(todayIn("America/New_York", new Date("2026-12-05T05:00:00Z"))).toBe("2026-12-05");
  expect(todayIn("Asia/Kolkata", new Date("2026-12-04T18:29:59Z"))).toBe("2026-12-04");
  expect(todayIn("Asia/Kolkata", new Date("2026-12-04T18:30:00Z"))).toBe("2026-12-05");
  expect(todayIn("America/New_York", new Date("2026-12-05T04:59:30Z"))).toBe("2026-12-04");
});

test("a zone Intl does not know is refused every time it is asked", () => {
  for (let round = 0; round < 2; round++) {
    expect(isTimeZone("America/New_York")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
  }
});
