import { generateToken, hashToken } from "../access-links/tokens";

/**
 * An API token is 256 random bits behind a recognisable prefix (`pgw_`, so secret scanners and people can tell
 * what it is); only its SHA-256 is stored, like a link token's. The prefix and the next 4 characters are kept to
 * tell tokens apart in a list.
 */
export const API_TOKEN_PREFIX = "pgw_";

export function newApiTokenSecret(): { token: string; hash: string; prefix: string } {
  const token = `${API_TOKEN_PREFIX}${generateToken()}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, API_TOKEN_PREFIX.length + 4) };
}

/** A bearer value that cannot be one of ours is refused without a database lookup. */
export function looksLikeApiToken(value: string): boolean {
  return /^pgw_[A-Za-z0-9_-]{43}$/.test(value);
}

export { hashToken as hashApiToken };
