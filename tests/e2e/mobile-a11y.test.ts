import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { usePhoneBrowser } from './helpers';

const e2e = inject('e2e');

/** axe-core's own browser build, injected into each page (nothing is fetched). */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.1 A and AA rules; returns "rule-id: target" for every violation. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
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

interface PageCase {
  path: string;
  /** Waits until the page's real content (not just the shell) is on screen. */
  ready: (page: Page) => Promise<void>;
  /** How many form controls the page has at least (the header's language select counts). */
  minControls: number;
}

const listReady = (page: Page) => page.getByRole('main').getByRole('listitem').first().waitFor();
const formReady = (page: Page) => page.getByRole('main').getByRole('button', { name: /./ }).first().waitFor();

async function firstDistrictId(): Promise<string> {
  const res = await fetch(`${e2e.baseUrl}/api/districts`);
  const { items } = (await res.json()) as { items: { id: string }[] };
  expect(items.length).toBeGreaterThan(0);
  return items[0]!.id;
}

async function cases(): Promise<PageCase[]> {
  return [
    { path: '/', ready: listReady, minControls: 1 },
    { path: '/districts', ready: listReady, minControls: 2 },
    { path: '/population-groups', ready: listReady, minControls: 2 },
    { path: '/organisations', ready: listReady, minControls: 2 },
    // name ×3, contact ×3 / name ×3, language checkboxes + other codes
    { path: '/districts/new', ready: formReady, minControls: 7 },
    { path: '/population-groups/new', ready: formReady, minControls: 10 },
    { path: '/organisations/new', ready: formReady, minControls: 7 },
    { path: `/districts/${await firstDistrictId()}`, ready: formReady, minControls: 7 },
    { path: '/settings', ready: formReady, minControls: 6 },
  ];
}

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

describe.skipIf(!e2e.enabled)(
  'phone-sized smoke test: no sideways scrolling, every control labelled, no axe violations',
  () => {
    const { phone } = usePhoneBrowser(() => e2e.baseUrl);

    // Finnish has the longest words ("Väestöryhmät", "Aluekoordinaattori"), so every language is tried.
    it.each(['fi-FI', 'sv-FI', 'en-GB'])('at 360 px in %s', async (locale) => {
      const context = await phone(locale);
      const page = await context.newPage();
      const problems: string[] = [];
      for (const { path, ready, minControls } of await cases()) {
        await page.goto(path);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        await ready(page);
        expect(await page.locator('html').getAttribute('lang'), path).toBe(locale.slice(0, 2));

        const width = Number(await page.evaluate('document.documentElement.scrollWidth'));
        if (width > 360) problems.push(`${path}: scrollWidth ${width} > 360 (sideways scrolling)`);

        for (const html of await unlabelledInDom(page)) problems.push(`${path}: control without a label: ${html}`);

        const controls = await controlsInAxTree(context, page);
        const domCount = await page.locator('input:not([type="hidden"]), select, textarea').count();
        if (controls.length < minControls) {
          problems.push(
            `${path}: expected at least ${minControls} form controls, the accessibility tree has ${controls.length}`,
          );
        }
        if (controls.length !== domCount) {
          problems.push(`${path}: ${domCount} controls in the DOM but ${controls.length} in the accessibility tree`);
        }
        for (const c of controls.filter((c) => c.name === '')) {
          problems.push(`${path}: a ${c.role} without an accessible name`);
        }
        for (const v of await axeViolations(page)) problems.push(`${path}: axe ${v}`);
      }
      expect(problems).toEqual([]);
    });
  },
);
