/**
 * A request URL fit for a log line: the secrets some URLs carry (emailed link tokens, the PSA webhook
 * address's secret) are replaced, and the query string is dropped.
 */
export function redactUrl(url: string): string {
  return url
    .split("?")[0]!
    .replace(/\/(claim|reset|magic|confirm)\/[^/]+/g, "/$1/[token]")
    .replace(/^\/webhooks\/psa\/([^/]+)\/[^/]+/, "/webhooks/psa/$1/[secret]");
}
