/**
 * Page checks shared by the end-to-end tests: axe-core (WCAG 2.1 A and AA),
 * labelled form controls, and no sideways scrolling at phone width.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';

/** axe-core's own browser build, injected into each page (nothing is fetched). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.1 A and AA rules; returns "rule-id: target" for every violation. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through DevTools rather than added as an inline <script>, which the pages' CSP refuses.
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  )) as string[];
  return violations;
}

/** Roles of form controls in Chromium's accessibility tree. */
const CONTROL_ROLES = new Set([
  'textbox',
  'searchbox',
  'combobox',
  'listbox',
  'checkbox',
  'radio',
  'spinbutton',
  'slider',
  'switch',
]);

/**
 * Form controls (from the DOM) without a label, aria-label or aria-labelledby
 * that gives text. A string, as it runs in the page (this project's TypeScript
 * has no DOM types).
 */
const UNLABELLED_CONTROLS = `(() => {
  const text = (el) => (el?.textContent ?? '').trim();
  const controls = document.querySelectorAll('input:not([type="hidden"]), select, textarea');
  return [...controls]
    .filter((el) => {
      if ([...(el.labels ?? [])].some((l) => text(l) !== '')) return false;
      if ((el.getAttribute('aria-label') ?? '').trim() !== '') return false;
      const by = (el.getAttribute('aria-labelledby') ?? '').split(/\\s+/).filter(Boolean);
      return !by.some((id) => text(document.getElementById(id)) !== '');
    })
    .map((el) => el.outerHTML.slice(0, 160));
})()`;

async function unlabelledInDom(page: Page): Promise<string[]> {
  return (await page.evaluate(UNLABELLED_CONTROLS)) as string[];
}

async function controlsInAxTree(context: BrowserContext, page: Page): Promise<{ role: string; name: string }[]> {
  const cdp = await context.newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { ignored: boolean; role?: { value?: unknown }; name?: { value?: unknown } }[];
    };
    return nodes
      .filter((n) => !n.ignored && CONTROL_ROLES.has(String(n.role?.value)))
      .map((n) => ({ role: String(n.role?.value), name: String(n.name?.value ?? '').trim() }));
  } finally {
    await cdp.detach();
  }
}

/**
 * Everything wrong with the page as shown now, each prefixed with `label`:
 * sideways scrolling beyond `width`, controls without a label (in the DOM and
 * in the accessibility tree), fewer controls than `minControls`, axe findings.
 */
export async function pageProblems(
  context: BrowserContext,
  page: Page,
  label: string,
  minControls: number,
  width = 360,
): Promise<string[]> {
  const problems: string[] = [];
  const scrollWidth = Number(await page.evaluate('document.documentElement.scrollWidth'));
  if (scrollWidth > width) {
    const wide = (await page.evaluate(
      `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > ${width}).slice(-3).map((e) => e.outerHTML.slice(0, 120))`,
    )) as string[];
    problems.push(`${label}: scrollWidth ${scrollWidth} > ${width} (sideways scrolling), e.g. ${wide.join(' | ')}`);
  }

  for (const html of await unlabelledInDom(page)) problems.push(`${label}: control without a label: ${html}`);

  const controls = await controlsInAxTree(context, page);
  // Chromium exposes a date input as three spinbuttons (day, month, year), and a datetime-local one as
  // six (its US-format fields: month, day, year, hours, minutes, AM/PM).
  const dateInputs = await page.locator('input[type="date"]').count();
  const dateTimeInputs = await page.locator('input[type="datetime-local"]').count();
  const domCount =
    (await page.locator('input:not([type="hidden"]), select, textarea').count()) + 2 * dateInputs + 5 * dateTimeInputs;
  if (controls.length < minControls) {
    problems.push(
      `${label}: expected at least ${minControls} form controls, the accessibility tree has ${controls.length}`,
    );
  }
  if (controls.length !== domCount) {
    problems.push(`${label}: ${domCount} controls in the DOM but ${controls.length} in the accessibility tree`);
  }
  for (const c of controls.filter((c) => c.name === '')) {
    problems.push(`${label}: a ${c.role} without an accessible name`);
  }
  for (const v of await axeViolations(page)) problems.push(`${label}: axe ${v}`);
  return problems;
}
