/**
 * Turns a vendor timestamp into a Date. `assumeUtc` covers PSAs that send UTC without an offset
 * (HaloPSA); years before 1901 are the "no date" placeholders some PSAs use (Halo's 1900-01-01).
 */
export function parseVendorDate(value: string | null | undefined, options: { assumeUtc?: boolean } = {}): Date | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  let text = value.trim();
  const hasZone = /([zZ]|[+-]\d{2}:?\d{2})$/.test(text);
  if (options.assumeUtc && !hasZone && text.includes("T")) text = `${text}Z`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) text = `${text}T00:00:00Z`;
  const date = new Date(text);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1901) return null;
  return date;
}

/** ISO-8601 in UTC without milliseconds: the form ConnectWise conditions and Autotask filters accept. */
export function formatUtcSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
