import type { Role } from '@sillat/shared/auth';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DEMO, apiAs, signIn, submitSignIn, usePhoneBrowser } from './helpers';

const e2e = inject('e2e');

/** The names of the links in the main menu, in order. */
async function menu(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: 'Main menu' });
  await nav.getByRole('link', { name: 'Home' }).waitFor();
  return (await nav.getByRole('link').allInnerTexts()).map((t) => t.trim());
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/signin');
}

/** Opens `path` by address and expects the "not available for your role" page, inside the app. */
async function expectNotAvailable(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1, name: 'Not available' }).waitFor();
  expect(await page.getByRole('alert').innerText(), path).toContain('This page is not available for your role.');
  // Still inside the app: the menu is there to go on from.
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Home' }).waitFor();
}

const REGISTRY_LINKS = ['Districts', 'Population groups', 'Organisations'];
const MENUS: Record<Role, string[]> = {
  administrator: ['Home', 'Measures', 'Dashboard', ...REGISTRY_LINKS, 'Users', 'Audit trail', 'Outbox', 'Settings'],
  coordinator: ['Home', 'Rounds', 'Measures', 'Dashboard', ...REGISTRY_LINKS, 'Users'],
  organisationStaff: ['Home', 'My sessions', 'My measures'],
  // An owner's work is their measures: first, before Home.
  measureOwner: ['My measures', 'Home'],
  // Council members come to follow the trends: the dashboard first.
  councilMember: ['Dashboard', 'Home', 'Measures'],
};

describe.skipIf(!e2e.enabled)('signing in, and what each role is offered', () => {
  const { phone } = usePhoneBrowser(() => e2e.baseUrl);

  it('says so in Swedish when the password is wrong, and returns to the page asked for after signing in', async () => {
    const context = await phone('sv-FI');
    const page = await context.newPage();
    // A protected page without a token goes to the sign-in page.
    await page.goto('/users?status=all');
    await page.waitForURL((url) => url.pathname === '/signin');

    await submitSignIn(page, { email: DEMO.administrator.email, password: 'Fel-lösenord-2026' });
    const alert = page.getByRole('alert').filter({ hasText: 'Fel e-postadress eller lösenord.' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Inloggningen misslyckades');
    expect(new URL(page.url()).pathname).toBe('/signin');

    await submitSignIn(page, DEMO.administrator);
    await page.waitForURL((url) => url.pathname + url.search === '/users?status=all');
    await page.getByRole('heading', { level: 1, name: 'Användare' }).waitFor();
    expect(await page.getByRole('link', { name: 'Alla', exact: true }).getAttribute('aria-current')).toBe('page');
    await page.getByRole('heading', { level: 2, name: DEMO.councilMember.name }).waitFor();
  });

  it('signs in again when the API refuses the token, and comes back to the same page', async () => {
    const context = await phone('en-GB');
    const page = await context.newPage();
    await signIn(page, 'coordinator', '/districts');
    // As if the token had been revoked: it still looks valid to the app, but not to the API.
    await page.evaluate(
      `sessionStorage.setItem('sillat.auth.token', JSON.stringify({ accessToken: 'revoked', expiresAt: Date.now() + 3600000 }))`,
    );
    await page.goto('/organisations');
    await page.waitForURL((url) => url.pathname === '/signin');
    await submitSignIn(page, DEMO.coordinator);
    await page.waitForURL((url) => url.pathname === '/organisations');
    await page.getByRole('heading', { level: 1, name: 'Partner organisations' }).waitFor();
  });

  it('offers each demo role exactly its pages, and tells it when a page is not for it', async () => {
    const context = await phone('en-GB');
    const page = await context.newPage();
    for (const role of Object.keys(MENUS) as Role[]) {
      await signIn(page, role, '/');
      expect(await menu(page), role).toEqual(MENUS[role]);
      // The header says who is signed in, in which role and municipality; the home page what the role does.
      const header = await page.getByRole('banner').innerText();
      expect(header).toContain(DEMO[role].name);
      expect(header).toContain('Helsinki (demo)');
      await page.getByRole('heading', { level: 2, name: `Welcome, ${DEMO[role].name}` }).waitFor();
      await signOut(page);
    }

    // Administrators read the registries but do not change them.
    await signIn(page, 'administrator', '/districts');
    await page.getByRole('heading', { level: 1, name: 'Districts' }).waitFor();
    await page.getByRole('main').getByRole('listitem').first().waitFor();
    expect(await page.getByRole('link', { name: 'Add district' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: /^Edit/ }).count()).toBe(0);
    await expectNotAvailable(page, '/districts/new');
    await signOut(page);

    // Coordinators change registries, but have no settings or audit trail.
    await signIn(page, 'coordinator', '/districts');
    await page.getByRole('link', { name: 'Add district' }).waitFor();
    await expectNotAvailable(page, '/settings');
    await expectNotAvailable(page, '/audit');
    await expectNotAvailable(page, '/outbox');
  });

  it('shows a council member no management pages, and the API refuses their management calls', async () => {
    const context = await phone('en-GB');
    const page = await context.newPage();
    await signIn(page, 'councilMember', '/');
    // Reading the dashboard and the measures is not managing them: the only pages besides Home.
    expect(await menu(page)).toEqual(['Dashboard', 'Home', 'Measures']);
    expect(await page.getByRole('main').innerText()).toContain('Your role: Council member.');
    expect(await page.getByRole('main').getByRole('link').count()).toBe(0);

    for (const path of ['/users', '/users/new', `/users/${DEMO.measureOwner.id}`, '/audit', '/settings']) {
      await expectNotAvailable(page, path);
    }
    for (const path of ['/districts', '/districts/new', '/population-groups', '/organisations']) {
      await expectNotAvailable(page, path);
    }

    // The same token the app holds: reads everyone needs are allowed, management is refused.
    const refused = [
      await apiAs(page, 'POST', '/districts', { name: { fi: 'Uusi alue' } }),
      await apiAs(page, 'GET', '/users'),
      await apiAs(page, 'GET', '/audit'),
      await apiAs(page, 'PATCH', '/municipality', { privacyThreshold: 3 }),
      await apiAs(page, 'GET', `/users/${DEMO.measureOwner.id}/export`),
    ];
    for (const res of refused) {
      expect({ url: res.url, status: res.status }).toEqual({ url: res.url, status: 403 });
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
    expect((await apiAs(page, 'GET', '/districts')).status).toBe(200);
    const me = (await (await apiAs(page, 'GET', '/me')).json()) as { user: { role: string } };
    expect(me.user.role).toBe('councilMember');
    // And without the token, nothing at all.
    expect((await fetch(`${e2e.baseUrl}/api/districts`)).status).toBe(401);
  });
});
