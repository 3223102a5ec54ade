import type { Firm } from "../generated/prisma/client";

/**
 * What the gateway's operator set for this firm's PSA, by connector kind (Firm.operatorPsaSettings, e.g. the demo's
 * CSV folder on the gateway's disk). The console may offer it again after the firm switched PSA, but a firm's admin
 * never types such a value: a folder of the server's choosing would let them read the server's files.
 */
export function operatorSettingsOf(firm: Pick<Firm, "operatorPsaSettings">, kind: string): Record<string, unknown> | null {
  const all = firm.operatorPsaSettings;
  if (!all || typeof all !== "object" || Array.isArray(all)) return null;
  const settings = (all as Record<string, unknown>)[kind];
  return settings && typeof settings === "object" && !Array.isArray(settings) ? (settings as Record<string, unknown>) : null;
}
