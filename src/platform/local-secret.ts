import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * A secret for the embedded default when the operator set none: generated once and kept in DATA_DIR
 * (mode 0600), so sessions and encrypted connector settings survive a restart. Production sets its own.
 */
export function readOrCreateLocalSecret(dataDir: string, name: string, bytes = 32): string {
  const file = path.resolve(dataDir, name);
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(bytes).toString("base64");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
