/**
 * A company's web domains from what the PSA holds as its website ("www.acme.com", "https://acme.com/about",
 * "acme.com"): lower-cased host names without "www.", each once. Anything that is not a host name is dropped.
 */
export function webDomains(values: ReadonlyArray<string | null | undefined>): string[] {
  const domains: string[] = [];
  for (const value of values) {
    const text = value?.trim();
    if (!text) continue;
    let host: string;
    try {
      host = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`).hostname.toLowerCase();
    } catch {
      continue;
    }
    const bare = host.replace(/^www\./, "");
    if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(bare) && !domains.includes(bare)) domains.push(bare);
  }
  return domains;
}
