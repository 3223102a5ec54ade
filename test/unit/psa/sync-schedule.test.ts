import crypto from "node:crypto";
import { dueRun, firmOffset, latestSlot, nextScheduledRuns } from "../../../src/psa/sync/schedule";
import type { DueFacts } from "../../../src/psa/sync/schedule";

const settings = { incrementalMinutes: 15 as const, fullAtMinute: 120, massDisablePercent: 10, massDisableMax: 25 };
const at = (iso: string) => new Date(iso);
const facts = (over: Partial<DueFacts> = {}): DueFacts => ({ firmId: "firm-a", settings, lastStartedAt: null, lastFullStartedAt: null, request: null, ...over });

describe("when a firm's sync is due", () => {
  test("many firms' incremental runs are spread over the interval, each firm always at its own minute", () => {
    const minutes = new Map<number, number>();
    for (let i = 0; i < 1_000; i++) {
      const offset = firmOffset(crypto.randomUUID(), 15);
      minutes.set(offset, (minutes.get(offset) ?? 0) + 1);
    }
    expect(minutes.size).toBe(15);
    expect(Math.max(...minutes.values())).toBeLessThan(120); // about 67 a minute, never all at :00
    const id = "6f1d2a7e-0000-4000-8000-000000000009";
    expect(firmOffset(id, 15)).toBe(firmOffset(id, 15));
  });

  test("slots: the latest start at or before now", () => {
    expect(latestSlot(Date.parse("2026-12-01T10:07:30Z"), 15, 7)).toBe(Date.parse("2026-12-01T10:07:00Z"));
    expect(latestSlot(Date.parse("2026-12-01T10:06:59Z"), 15, 7)).toBe(Date.parse("2026-12-01T09:52:00Z"));
  });

  test("a firm that never ran is due; then not again until its next slot; a full run nightly at its own minute after 02:00", () => {
    const now = at("2026-12-01T10:30:00Z");
    expect(dueRun(facts({ lastFullStartedAt: now }), now)).toEqual({ mode: "incremental", trigger: "schedule", requestedBy: null });
    expect(dueRun(facts({ lastStartedAt: now, lastFullStartedAt: now }), now)).toBeNull();
    const tonight = new Date(Date.parse("2026-12-02T02:00:00Z") + firmOffset("firm-a", 60) * 60_000);
    const justBefore = new Date(tonight.getTime() - 1);
    expect(dueRun(facts({ lastStartedAt: justBefore, lastFullStartedAt: now }), justBefore)).toBeNull();
    expect(dueRun(facts({ lastStartedAt: justBefore, lastFullStartedAt: now }), tonight)).toMatchObject({ mode: "full", trigger: "schedule" });
    expect(nextScheduledRuns("firm-a", settings, now).full).toEqual(tonight);
  });

  test("off stops a schedule; a run asked for is due whatever the schedule, and becomes full when a full one is due", () => {
    const now = at("2026-12-01T10:30:00Z");
    const off = { ...settings, incrementalMinutes: "off" as const, fullAtMinute: "off" as const };
    expect(dueRun(facts({ settings: off }), now)).toBeNull();
    const request = { mode: "incremental" as const, trigger: "staff" as const, requestedBy: "admin@firm.example" };
    expect(dueRun(facts({ settings: off, request }), now)).toEqual(request);
    expect(dueRun(facts({ request }), now)).toEqual({ ...request, mode: "full" });
  });
});
