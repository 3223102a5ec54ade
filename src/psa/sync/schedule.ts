import crypto from "node:crypto";
import type { EffectiveSyncSettings } from "../../../config/firm-settings";
import type { SyncMode, SyncTrigger } from "./checkpoint";

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
/** Nightly full runs start within this many minutes after the firm's time, each firm at its own minute. */
const FULL_SPREAD_MINUTES = 60;

/** A number from the firm's immutable id, the same on every instance and every start, below `modulo`. */
export function firmOffset(firmId: string, modulo: number): number {
  return crypto.createHash("sha256").update(firmId).digest().readUInt32BE(0) % Math.max(1, modulo);
}

/** The start (ms) of the latest slot at or before `nowMs`, for slots every `periodMinutes` shifted by `offsetMinutes`. */
export function latestSlot(nowMs: number, periodMinutes: number, offsetMinutes: number): number {
  const period = periodMinutes * MINUTE;
  const offset = (offsetMinutes % periodMinutes) * MINUTE;
  return Math.floor((nowMs - offset) / period) * period + offset;
}

export interface DueFacts {
  firmId: string;
  settings: EffectiveSyncSettings;
  /** The start of the firm's latest run of any mode, and of its latest full run. */
  lastStartedAt: Date | null;
  lastFullStartedAt: Date | null;
  /** A run asked for (staff, CLI, webhook), not yet started. */
  request: { mode: SyncMode; trigger: SyncTrigger; requestedBy: string | null } | null;
}

export interface DueRun {
  mode: SyncMode;
  trigger: SyncTrigger;
  requestedBy: string | null;
}

/**
 * Whether a firm's sync is due, and which. Slots are spread: each firm's incremental slots are shifted by a stable
 * offset within the interval, and its nightly full run starts at its own minute within the hour after the full
 * run's time, so many firms on one deployment do not all call their PSAs at :00. Due-ness comes from the firm's
 * SyncRun rows, so any instance may pick up any firm's run.
 */
export function dueRun(facts: DueFacts, now: Date): DueRun | null {
  const { settings } = facts;
  const nowMs = now.getTime();
  const fullDue =
    settings.fullAtMinute !== "off" &&
    (!facts.lastFullStartedAt || facts.lastFullStartedAt.getTime() < latestSlot(nowMs, DAY_MINUTES, settings.fullAtMinute + firmOffset(facts.firmId, FULL_SPREAD_MINUTES)));
  if (facts.request) return { ...facts.request, mode: fullDue ? "full" : facts.request.mode };
  if (fullDue) return { mode: "full", trigger: "schedule", requestedBy: null };
  const period = settings.incrementalMinutes;
  if (period === "off") return null;
  const incrementalDue = !facts.lastStartedAt || facts.lastStartedAt.getTime() < latestSlot(nowMs, period, firmOffset(facts.firmId, period));
  return incrementalDue ? { mode: "incremental", trigger: "schedule", requestedBy: null } : null;
}

/** The next scheduled starts of a firm's runs (null when that kind is off), for the console. */
export function nextScheduledRuns(firmId: string, settings: EffectiveSyncSettings, now: Date): { incremental: Date | null; full: Date | null } {
  const nowMs = now.getTime();
  const period = settings.incrementalMinutes;
  const incremental = period === "off" ? null : new Date(latestSlot(nowMs, period, firmOffset(firmId, period)) + period * MINUTE);
  const fullMinute = settings.fullAtMinute === "off" ? null : settings.fullAtMinute + firmOffset(firmId, FULL_SPREAD_MINUTES);
  const full = fullMinute === null ? null : new Date(latestSlot(nowMs, DAY_MINUTES, fullMinute) + DAY_MINUTES * MINUTE);
  return { incremental, full };
}
