import crypto from "node:crypto";
import type { Firm, Prisma } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import type { Actor } from "../../accounts/actor";
import { recordStaffAction } from "../../staff-actions/use-cases/record-staff-action";

/**
 * The firm's logo: an uploaded image kept in the database (FirmLogo) and served by the gateway under the portal's
 * path, so a page never loads an image from a host the firm or an attacker names (no tracking pixel, no mixed
 * content). Only raster formats, recognised by their bytes (not by the name or the declared type); no SVG, which
 * can carry script. The settings keep the image's SHA-256, so its URL changes when the image does.
 */
export const LOGO_MAX_BYTES = 200 * 1024;

/** The image types a logo may be (raster only), as the upload fields and the API name them. */
export const LOGO_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp"] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

const signatures: Array<{ type: LogoType; matches: (b: Buffer) => boolean }> = [
  { type: "image/png", matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: "image/jpeg", matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: "image/gif", matches: (b) => b.subarray(0, 6).toString("latin1") === "GIF87a" || b.subarray(0, 6).toString("latin1") === "GIF89a" },
  { type: "image/webp", matches: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP" },
];

export const logoTypeOf = (bytes: Buffer): LogoType | null => signatures.find((s) => s.matches(bytes))?.type ?? null;

type LogoFailure = Failure<"owners_and_admins_only"> | (Failure<"validation_failed"> & { fields: Record<string, string> });
const mayChange = (actor: Actor) => actor.role === "owner" || actor.role === "admin";
const settingsOf = (firm: Pick<Firm, "settings">) => (firm.settings !== null && typeof firm.settings === "object" && !Array.isArray(firm.settings) ? (firm.settings as Record<string, unknown>) : {});

export async function setFirmLogo(db: Db, input: { firm: Firm; actor: Actor; bytes: Buffer | null }): Promise<Result<Firm, LogoFailure>> {
  if (!mayChange(input.actor)) return fail("owners_and_admins_only");
  const { bytes } = input;
  if (!bytes || bytes.length === 0) return fail("validation_failed", { fields: { logo: "choose an image file" } });
  if (bytes.length > LOGO_MAX_BYTES) return fail("validation_failed", { fields: { logo: `at most ${LOGO_MAX_BYTES / 1024} KB` } });
  const contentType = logoTypeOf(bytes);
  if (!contentType) return fail("validation_failed", { fields: { logo: "a PNG, JPEG, GIF or WebP image" } });
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  const stored = new Uint8Array(bytes); // a copy on its own ArrayBuffer, as Prisma's Bytes takes it
  const before = settingsOf(input.firm).logoHash ?? null;
  return ok(
    await db.$transaction(async (tx) => {
      await tx.firmLogo.upsert({ where: { firmId: input.firm.id }, create: { firmId: input.firm.id, contentType, bytes: stored, sha256 }, update: { contentType, bytes: stored, sha256 } });
      const current = await tx.firm.findUniqueOrThrow({ where: { id: input.firm.id } });
      const firm = await tx.firm.update({ where: { id: current.id }, data: { settings: { ...settingsOf(current), logoHash: sha256 } as Prisma.InputJsonObject } });
      await recordStaffAction(tx, { firmId: firm.id, actor: input.actor, action: "logo_changed", subject: "logo", before: { value: before as string | null }, after: { value: sha256 } });
      return firm;
    }),
  );
}

export async function removeFirmLogo(db: Db, input: { firm: Firm; actor: Actor }): Promise<Result<Firm, LogoFailure>> {
  if (!mayChange(input.actor)) return fail("owners_and_admins_only");
  return ok(
    await db.$transaction(async (tx) => {
      await tx.firmLogo.deleteMany({ where: { firmId: input.firm.id } });
      const current = await tx.firm.findUniqueOrThrow({ where: { id: input.firm.id } });
      const { logoHash, ...rest } = settingsOf(current);
      const firm = await tx.firm.update({ where: { id: current.id }, data: { settings: rest as Prisma.InputJsonObject } });
      if (logoHash) await recordStaffAction(tx, { firmId: firm.id, actor: input.actor, action: "logo_removed", subject: "logo", before: { value: logoHash as string } });
      return firm;
    }),
  );
}

/** The logo for its URL's hash: a stale hash (an older logo) names nothing. */
export function findFirmLogo(db: Db, firmId: string, sha256: string) {
  return db.firmLogo.findFirst({ where: { firmId, sha256 } });
}
