import { z } from "zod";

/** The listings a pass reads, in order: companies first, so a contact's companies are known when it is written. */
export const SYNC_ENTITIES = ["companies", "contacts", "projects"] as const;
export type SyncEntity = (typeof SYNC_ENTITIES)[number];
export type SyncMode = "incremental" | "full";
export type SyncTrigger = "schedule" | "staff" | "cli" | "webhook";

const isoOrNull = z.string().datetime().nullable();
const perEntity = z.object({ companies: isoOrNull, contacts: isoOrNull, projects: isoOrNull });

/**
 * Where a pass is, saved on its SyncRun after every page: the listing and its cursor, what "changed since" each
 * listing asks for, and the newest PSA change time seen per listing (the next incremental pass starts there, less
 * the overlap window). "accounts" means the listings are complete and the accounts are being reconciled.
 */
export const checkpointSchema = z.object({
  phase: z.enum([...SYNC_ENTITIES, "accounts", "done"]),
  cursor: z.string().nullable(),
  since: perEntity,
  highWater: perEntity,
  /**
   * When (the database's clock) this pass began reconciling accounts: the next pass turns access off only for
   * records written after it, so a decision staff made since stands until the PSA changes the record again.
   */
  reconciledAt: isoOrNull.optional(),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;
export type Watermarks = Checkpoint["highWater"];

export const noWatermarks: Watermarks = { companies: null, contacts: null, projects: null };

export function readCheckpoint(value: unknown): Checkpoint | null {
  const parsed = checkpointSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The phase after `phase` (the listings in order, then the accounts, then done). */
export function nextPhase(phase: Checkpoint["phase"]): Checkpoint["phase"] {
  const order: Array<Checkpoint["phase"]> = [...SYNC_ENTITIES, "accounts", "done"];
  return order[Math.min(order.indexOf(phase) + 1, order.length - 1)] ?? "done";
}

/** What a run counted; the console shows these and the CLI prints them. */
export const runCountsSchema = z.object({
  pages: z.number().default(0),
  added: z.number().default(0),
  updated: z.number().default(0),
  unchanged: z.number().default(0),
  removed: z.number().default(0),
  linked: z.number().default(0),
  disabled: z.number().default(0),
  restored: z.number().default(0),
  held: z.number().default(0),
  mismatches: z.number().default(0),
  flagsClosed: z.number().default(0),
  /** Open projects whose page details were read into the snapshot. */
  details: z.number().default(0),
});
export type RunCounts = z.infer<typeof runCountsSchema>;

export const emptyCounts = (): RunCounts => runCountsSchema.parse({});

export function readCounts(value: unknown): RunCounts {
  const parsed = runCountsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : emptyCounts();
}

/** The later of two ISO times (null is "none yet"). */
export function laterOf(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return a >= b ? a : b;
}
