import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";

// Every page a person can reach is checked the same two ways: axe-core (injected into the page, the rules of
// WCAG 2.x A and AA plus axe's best practices) finds no violation, and at a phone's 390 px nothing is wider than
// the screen. Contexts are made with bypassCSP so the portal's "no scripts" policy lets axe in.
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const phone = { width: 390, height: 844 };

interface AxeViolation {
  id: string;
  help: string;
  targets: string[];
}

// The page functions are strings: they run in the browser, and the project's TypeScript has no DOM types.
const runAxe = `axe.run(document).then((result) => result.violations.map((v) => ({
  id: v.id, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)),
})))`;

/** axe-core's violations on the page as it is now, one line each ("rule: help at selector"). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(runAxe)) as AxeViolation[];
  return violations.map((v) => `${v.id}: ${v.help} at ${v.targets.join(", ")}`);
}

/** How far the page is wider than the window (0 when it fits). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return (await page.evaluate("Math.max(0, document.scrollingElement.scrollWidth - window.innerWidth)")) as number;
}

/**
 * Check the page now shown: no axe violation, no horizontal overflow at the page's width. With E2E_SCREENSHOTS set,
 * a full-page screenshot named `name` goes there too (the 390 px pictures a person can look through).
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  if (process.env.E2E_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.E2E_SCREENSHOTS, `${name}.png`), fullPage: true });
  expect({ page: name, url: page.url(), violations: await axeViolations(page), overflow: await horizontalOverflow(page) }).toEqual({
    page: name,
    url: page.url(),
    violations: [],
    overflow: 0,
  });
}
