import { z } from "zod";
import type { Config } from "../../../config";
import type { Firm } from "../../generated/prisma/client";
import { emailBrandOf } from "../firm-presentation";
import type { FirmDetails } from "../use-cases/describe-firms";
import { LOGO_TYPES } from "../use-cases/firm-logo";

/** The firm's logo as the admin API answers it (GET and PATCH /firm, PUT and DELETE /firm/logo). */
export const logoView = z
  .object({
    url: z.string().describe("where the portal serves it (on PUBLIC_URL); a new logo has a new URL"),
    sha256: z.string(),
    contentType: z.enum(LOGO_TYPES).describe("as recognised from the image's bytes"),
    bytes: z.number().int(),
  })
  .nullable()
  .describe("null: no logo, the portal shows the firm's name alone");

/** The firm as the admin API answers it (GET /firm, PATCH /firm, the domain endpoints). */
export const firmView = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
  domains: z.array(z.string()),
  formerSlugs: z.array(z.string()),
  psa: z.string().nullable().describe("the PSA connector kind, e.g. connectwise or csv; null when none is connected"),
  clients: z.object({ invited: z.number().int(), active: z.number().int(), disabled: z.number().int() }),
  staff: z.number().int(),
  apiTokens: z.number().int(),
  logo: logoView,
});

type FirmLook = Pick<Firm, "name" | "slug" | "settings">;

/** The stored logo (its hash, type and size) with the URL the portal serves it at; null when there is none. */
export function logoViewOf(config: Config, firm: FirmLook, stored: FirmDetails["logo"]): z.infer<typeof logoView> {
  const logoUrl = emailBrandOf(config, firm).logoUrl;
  return stored && logoUrl ? logoView.parse({ url: logoUrl, ...stored }) : null;
}

/** A firm's details (use-cases/describe-firms.ts) as that view. */
export function firmViewOf(config: Config, firm: FirmLook, details: FirmDetails): z.infer<typeof firmView> {
  return firmView.parse({ ...details, createdAt: details.createdAt.toISOString(), logo: logoViewOf(config, firm, details.logo) });
}
