import pino from "pino";
import type { Logger } from "pino";

export type { Logger };

/**
 * Secrets are redacted here, once, rather than at each call: authorization headers, cookies, passwords,
 * tokens, PSA keys. Modules take a child logger with their own name (`logger.child({ module: "sign-in" })`).
 */
export const redactedPaths = [
  "req.headers.authorization",
  "req.headers.cookie",
  "res.headers['set-cookie']",
  "*.password",
  "*.passwordHash",
  "*.token",
  "*.secret",
  "*.privateKey",
  "*.clientSecret",
  "*.connectorSecrets",
  "*.sessionSecret",
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: redactedPaths, censor: "[redacted]" } }, destination);
}
