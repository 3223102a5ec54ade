import { z } from "zod";
import type { ApiTokenView } from "../use-cases/manage-api-tokens";

export const tokenView = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.enum(["owner", "admin", "support"]),
  prefix: z.string().describe("the token's first characters, to tell tokens apart"),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  revokedBy: z.string().nullable(),
});

export const presentToken = (token: ApiTokenView): z.infer<typeof tokenView> => ({
  ...token,
  createdAt: token.createdAt.toISOString(),
  lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
  revokedAt: token.revokedAt?.toISOString() ?? null,
});
