import { z } from "zod";
import type { Config } from "../../../config";
import type { Db } from "../../platform/db/prisma";
import { answer, refuse } from "../../platform/admin-api/endpoint";
import { actorOf, defineAdminEndpoint } from "../../api-tokens/admin-endpoint";
import type { FirmDirectory } from "../../firms/firm-directory";
import { changeFirmSettings, settingFields, settingsValues } from "../use-cases/firm-settings";
import type { SettingField } from "../use-cases/firm-settings";

/*
 * The firm's settings over the API: the fields of the console's Settings page (console/use-cases/firm-settings.ts
 * lists them from config/firm-settings.ts), each as its JSON type, null for "the product's default". A key with a
 * dot there ("linkLifetimesMinutes.reset") is a nested object here. The use-case validates, as for the console.
 */

function valueSchema(field: SettingField) {
  const text = field.orNumber ? z.union([z.number(), z.string().max(400)]) : z.string().max(400);
  const base = field.input === "number" ? z.number() : field.input === "checkbox" ? z.boolean() : field.input === "choice" ? z.enum(field.options as [string, ...string[]]) : text;
  return base.nullable().describe(`${field.label}${field.hint ? `. ${field.hint}` : ""}`);
}

/** The settings as one nested object schema: every key for an answer, each one optional (and no other) for a change. */
function settingsShape(change: boolean): z.ZodObject {
  const top: Record<string, z.ZodType> = {};
  const groups = new Map<string, Record<string, z.ZodType>>();
  for (const field of settingFields) {
    const [head, leaf] = field.key.split(".") as [string, string | undefined];
    const schema = change ? valueSchema(field).optional() : valueSchema(field);
    if (leaf === undefined) top[head] = schema;
    else groups.set(head, { ...groups.get(head), [leaf]: schema });
  }
  for (const [head, shape] of groups) top[head] = change ? z.strictObject(shape).optional() : z.object(shape);
  return change ? z.strictObject(top) : z.object(top);
}

const settingsView = settingsShape(false);
const settingsChange = settingsShape(true);

function nested(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const [head, leaf] = key.split(".") as [string, string | undefined];
    if (leaf === undefined) out[head] = value;
    else out[head] = { ...(out[head] as Record<string, unknown> | undefined), [leaf]: value };
  }
  return out;
}

/** A JSON value as the console's form would have sent it: the use-case reads what a person types. */
const typed = (value: unknown): string => (value === null || value === false ? "" : value === true ? "yes" : String(value));

/** The change as the use-case's form: the keys sent, nested ones by their dotted key; the rest left as they are. */
function formOf(body: Record<string, unknown>): Record<string, string> {
  const form: Record<string, string> = {};
  for (const field of settingFields) {
    const [head, leaf] = field.key.split(".") as [string, string | undefined];
    const value = leaf === undefined ? body[head] : (body[head] as Record<string, unknown> | undefined)?.[leaf];
    if (value !== undefined) form[field.key] = typed(value);
  }
  return form;
}

/** GET /api/admin/v1/firm/settings: every setting of the console's Settings page (every staff member reads them). */
export const getFirmSettings = defineAdminEndpoint({
  method: "get",
  path: "/firm/settings",
  tag: "firm",
  summary: "The firm's settings (the console's Settings page): look, support contact, locale, zone, currency, security, link lifetimes; null is the product's default",
  roles: "owners, admins and support",
  response: z.object({ settings: settingsView }),
  errors: [],
  async handle(_deps: Record<never, never>, { caller }) {
    return answer({ settings: nested(settingsValues(caller.firm.settings)) });
  },
});

/** PATCH /api/admin/v1/firm/settings: change some settings; all are checked, nothing is saved unless all are valid. */
export const updateFirmSettings = defineAdminEndpoint({
  method: "patch",
  path: "/firm/settings",
  tag: "firm",
  summary: "Change some of the firm's settings (null: back to the product's default); every problem is reported at once and nothing is saved unless all are valid; each change is a row of the staff-action log",
  roles: "owners and admins",
  body: settingsChange,
  response: z.object({ settings: settingsView, changed: z.array(z.string()).describe("the keys whose value changed, as the staff-action log names them") }),
  errors: ["owners_and_admins_only"],
  async handle(deps: { db: Db; config: Config; directory: FirmDirectory }, { caller, body }) {
    const form = formOf(body);
    if (Object.keys(form).length === 0) return refuse("validation_failed", "Send at least one setting.");
    const saved = await changeFirmSettings(deps, { firm: caller.firm, actor: actorOf(caller), form });
    if (!saved.ok) {
      if (saved.error.code === "owners_and_admins_only") return refuse("owners_and_admins_only");
      const problems = Object.entries(saved.error.fields);
      return refuse("validation_failed", problems.map(([key, problem]) => `${key}: ${problem}`).join("; "), problems[0]?.[0]);
    }
    deps.directory.forget(saved.value.firm.id);
    return answer({ settings: nested(settingsValues(saved.value.firm.settings)), changed: saved.value.changed });
  },
});
