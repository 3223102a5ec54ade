import type { z } from "zod";
import type { Config } from "../../../config";
import { firmSettingsShape, linkLifetimesShape, readFirmSettings, syncSettingsShape } from "../../../config/firm-settings";
import type { Firm, Prisma } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import type { Actor } from "../../accounts/actor";
import { recordStaffAction } from "../../staff-actions/use-cases/record-staff-action";

/**
 * The firm's settings as the console (and the API) edit them. The fields come from config/firm-settings.ts:
 * every field there with a `label` in its meta is shown and validated here, so a setting another module adds
 * appears without touching this file. The settings stored as a group are one field per member, keyed with a dot:
 * link lifetimes per kind ("linkLifetimesMinutes.reset") and the sync's schedule and guard ("sync.fullAt").
 */
export type SettingInput = "text" | "number" | "checkbox" | "choice";

export interface SettingField {
  key: string;
  label: string;
  group: string;
  hint: string | null;
  input: SettingInput;
  options: readonly string[];
  /** A text field whose value may also be a number (minutes, or "off"): typed digits are read as the number. */
  orNumber: boolean;
}

interface FieldMeta {
  label?: string;
  group?: string;
  hint?: string;
}

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; entries?: Record<string, string>; options?: z.ZodType[] };
const defOf = (schema: z.ZodType) => (schema as unknown as { def: Def }).def;

/** The schema under `.optional()` and `.transform()`: what kind of value a person types. */
function inputOf(schema: z.ZodType): Pick<SettingField, "input" | "options" | "orNumber"> {
  let def = defOf(schema);
  while (def.type === "optional" || def.type === "pipe" || def.type === "catch") def = defOf((def.innerType ?? def.in) as z.ZodType);
  if (def.type === "number") return { input: "number", options: [], orNumber: false };
  if (def.type === "boolean") return { input: "checkbox", options: [], orNumber: false };
  if (def.type === "enum") return { input: "choice", options: Object.values(def.entries ?? {}), orNumber: false };
  return { input: "text", options: [], orNumber: def.type === "union" && (def.options ?? []).some((option) => defOf(option).type === "number") };
}

function fieldsOf(shape: Record<string, z.ZodType>, prefix: string): SettingField[] {
  return Object.entries(shape).flatMap(([name, schema]) => {
    const meta = schema.meta() as FieldMeta | undefined;
    if (!meta?.label) return [];
    return [{ key: `${prefix}${name}`, label: meta.label, group: meta.group ?? "other", hint: meta.hint ?? null, ...inputOf(schema) }];
  });
}

/** The settings stored as a group (an object under one key), each member a field of its own. */
const groups: Record<string, Record<string, z.ZodType>> = { linkLifetimesMinutes: linkLifetimesShape, sync: syncSettingsShape };

export const settingFields: readonly SettingField[] = [...fieldsOf(firmSettingsShape, ""), ...Object.entries(groups).flatMap(([name, shape]) => fieldsOf(shape, `${name}.`))];

type Stored = Record<string, unknown>;
/** "sync.fullAt" -> ["sync", "fullAt"]; a top-level key has no member. */
const partsOf = (key: string) => key.split(".", 2) as [string, string | undefined];

function valueAt(settings: Stored, key: string): unknown {
  const [name, member] = partsOf(key);
  return member === undefined ? settings[name] : (settings[name] as Stored | undefined)?.[member];
}

/** The firm's settings as the form shows them: "" where the firm keeps the product's default. */
export function settingsFormValues(stored: unknown): Record<string, string> {
  const settings = readFirmSettings(stored) as Stored;
  return Object.fromEntries(
    settingFields.map((field) => {
      const value = valueAt(settings, field.key);
      return [field.key, value === undefined || value === null || value === false ? "" : value === true ? "yes" : String(value)];
    }),
  );
}

/** The firm's settings by key, as their types read (a number, a choice, true): null where the firm keeps the product's default. */
export function settingsValues(stored: unknown): Record<string, unknown> {
  const settings = readFirmSettings(stored) as Stored;
  return Object.fromEntries(settingFields.map((field) => [field.key, valueAt(settings, field.key) ?? null]));
}

function schemaOf(key: string): z.ZodType {
  const [name, member] = partsOf(key);
  return member === undefined ? (firmSettingsShape as Record<string, z.ZodType>)[name]! : groups[name]![member]!;
}

/** WCAG relative luminance of "#rrggbb". */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** One field's typed value read as the setting's type: undefined for "keep the default", or the reason it is not valid. */
function readField(field: SettingField, typed: string, config: Config): { value: unknown } | { error: string } {
  const raw = typed.trim();
  if (raw === "" || (field.input === "checkbox" && raw !== "yes")) return { value: undefined };
  if (field.input === "number" && !/^\d{1,9}$/.test(raw)) return { error: "a whole number" };
  const candidate = field.input === "checkbox" ? true : field.input === "number" ? Number(raw) : raw;
  let parsed = schemaOf(field.key).safeParse(candidate);
  if (!parsed.success && field.orNumber && /^\d{1,9}$/.test(raw)) parsed = schemaOf(field.key).safeParse(Number(raw));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "not valid" };
  const value: unknown = parsed.data;
  if (field.key === "sync.massDisableMax" && typeof value === "number" && value > config.SYNC_MASS_DISABLE_MAX) {
    return { error: `at most ${config.SYNC_MASS_DISABLE_MAX}, the gateway's ceiling: a firm can only lower it` };
  }
  if (field.key === "passwordMinLength" && typeof value === "number" && value < config.PASSWORD_MIN_LENGTH) {
    return { error: `at least ${config.PASSWORD_MIN_LENGTH}, the product's minimum: a firm can only raise it` };
  }
  // White text sits on the brand colour (buttons, the header's accent): WCAG AA asks 4.5:1.
  if (field.key === "brandColor" && typeof value === "string" && 1.05 / (luminance(value) + 0.05) < 4.5) return { error: "too light for white text on it: choose a darker colour" };
  return { value };
}

export interface SettingsChanged {
  firm: Firm;
  /** The keys whose value changed (each has its row in the staff-action log). */
  changed: string[];
}

export type SettingsFailure = Failure<"owners_and_admins_only"> | Failure<"validation_failed"> & { fields: Record<string, string> };

/**
 * Change the firm's settings from what a person typed (one string per field; a field left out keeps its value).
 * Every field is checked and every problem reported at once; nothing is saved unless all are valid. Each
 * changed field gets its own row in the staff-action log, with its value before and after.
 */
export async function changeFirmSettings(
  deps: { db: Db; config: Config },
  input: { firm: Firm; actor: Actor; form: Record<string, string | undefined> },
): Promise<Result<SettingsChanged, SettingsFailure>> {
  if (input.actor.role !== "owner" && input.actor.role !== "admin") return fail("owners_and_admins_only");
  const current = await deps.db.firm.findUniqueOrThrow({ where: { id: input.firm.id } });
  const before = readFirmSettings(current.settings) as Stored;
  // Keys this module does not edit (the logo's hash, a setting without a label) are kept as stored.
  const next: Stored = { ...(current.settings as Stored), ...Object.fromEntries(Object.keys(groups).map((name) => [name, { ...((before[name] as Stored | undefined) ?? {}) }])) };
  const errors: Record<string, string> = {};
  for (const field of settingFields) {
    const typed = input.form[field.key];
    if (typed === undefined) continue;
    const read = readField(field, typed, deps.config);
    if ("error" in read) {
      errors[field.key] = read.error;
      continue;
    }
    const [name, member] = partsOf(field.key);
    if (member === undefined) next[name] = read.value;
    else (next[name] as Stored)[member] = read.value;
  }
  if (Object.keys(errors).length > 0) return fail("validation_failed", { fields: errors });
  const stored = JSON.parse(JSON.stringify(next)) as Stored; // drops the undefined (default) values
  for (const name of Object.keys(groups)) if (Object.keys((stored[name] as Stored | undefined) ?? {}).length === 0) delete stored[name];
  const after = readFirmSettings(stored) as Stored;
  const changed = settingFields.map((f) => f.key).filter((key) => JSON.stringify(valueAt(before, key)) !== JSON.stringify(valueAt(after, key)));
  if (changed.length === 0) return ok({ firm: current, changed });
  const firm = await deps.db.$transaction(async (tx) => {
    const updated = await tx.firm.update({ where: { id: current.id }, data: { settings: stored as Prisma.InputJsonObject } });
    for (const key of changed) {
      const was = valueAt(before, key) as Prisma.InputJsonValue | undefined;
      const now = valueAt(after, key) as Prisma.InputJsonValue | undefined;
      await recordStaffAction(tx, { firmId: current.id, actor: input.actor, action: "settings_changed", subject: key, before: { value: was ?? null }, after: { value: now ?? null } });
    }
    return updated;
  });
  return ok({ firm, changed });
}
