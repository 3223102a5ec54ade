import fs from "node:fs";
import path from "node:path";

/**
 * The project's root folder (where package.json is), found from this file's own place, so the same code finds
 * config/ and prisma/ whether it runs from src/ (tsx, the tests) or from the compiled dist/ (npm start).
 */
export function findProjectRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}
