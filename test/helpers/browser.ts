import { chromium } from "playwright-core";
import type { Browser } from "playwright-core";

/** Chromium for the browser tests (apt's /usr/bin/chromium, or CHROMIUM_PATH), quiet and sandbox-free for CI. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
