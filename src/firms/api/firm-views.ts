import { z } from "zod";

/** The firm as the admin API answers it (GET /firm, PATCH /firm). */
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
});
