import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { pageProblems } from './a11y';
import { DEMO, signedInPage, submitSignIn, uniqueName, usePhoneBrowser } from './helpers';

const e2e = inject('e2e');

/** Fills the "Add user" form (open) in English and submits it; returns the temporary password shown. */
async function addUser(page: Page, user: { email: string; name: string; role: string }): Promise<string> {
  await page.getByRole('heading', { level: 1, name: 'Add user' }).waitFor();
  await page.getByLabel('E-mail', { exact: true }).fill(user.email);
  await page.getByLabel('Name', { exact: true }).fill(user.name);
  await page.getByLabel('Role', { exact: true }).selectOption({ label: user.role });
  await page.getByLabel("User's language", { exact: true }).selectOption({ label: 'English' });
  await page.getByRole('button', { name: 'Add user', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: `${user.name} added` }).waitFor();
  const password = (await page.locator('#temporary-password').innerText()).trim();
  // Four groups of four, without look-alike characters: easy to read out.
  expect(password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);
  return password;
}

/** The user's first sign-in: the temporary password, then a password of their own. */
async function firstSignIn(page: Page, email: string, temporary: string, chosen: string): Promise<void> {
  await page.goto('/');
  await page.waitForURL((url) => url.pathname === '/signin');
  await submitSignIn(page, { email, password: temporary });
  const heading = page.getByRole('heading', { level: 2, name: 'Choose a new password' });
  await heading.waitFor();
  await page.getByLabel('New password', { exact: true }).fill(chosen);
  await page.getByLabel('New password again', { exact: true }).fill(chosen);
  await page.getByRole('button', { name: 'Save password and sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

const focusedText = (page: Page) => page.evaluate('document.activeElement?.textContent?.trim()');

describe.skipIf(!e2e.enabled)('user management in the browser (360 px, English)', () => {
  const { phone } = usePhoneBrowser(() => e2e.baseUrl);

  it('a coordinator adds a measure owner, who must replace the temporary password and then sees only their measures and the home page', async () => {
    const context = await phone('en-GB');
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await signedInPage(context, 'coordinator', '/users');
    // Users the coordinator may not manage are listed without a link to change them.
    const admin = page.getByRole('listitem').filter({ hasText: DEMO.administrator.email });
    expect(await admin.innerText()).toContain('Only an administrator can change this user.');
    expect(await admin.getByRole('link').count()).toBe(0);

    await page.getByRole('link', { name: 'Add user' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add user' }).waitFor();
    const roles = await page.getByLabel('Role', { exact: true }).locator('option').allInnerTexts();
    expect(roles).toEqual(['Organisation staff', 'Measure owner']);
    const name = uniqueName('Maija Mittari');
    const email = `${name.split(' ').pop()}@example.org`;
    const temporary = await addUser(page, { email, name, role: 'Measure owner' });

    // Shown once, with focus on it, and copyable.
    expect(await focusedText(page)).toBe(`${name} added`);
    expect(await page.getByRole('main').innerText()).toContain('The password is shown only now.');
    await page.getByRole('button', { name: 'Copy password' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(temporary);
    await page.getByRole('link', { name: 'Back to the list', exact: true }).click();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name, exact: true }) });
    expect(await card.innerText()).toContain('Measure owner');

    // Sign out; the new user signs in for the first time.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'You have signed out.' }).waitFor();
    await submitSignIn(page, { email, password: temporary });
    const heading = page.getByRole('heading', { level: 2, name: 'Choose a new password' });
    await heading.waitFor();
    expect(await focusedText(page)).toBe('Choose a new password');
    expect(await page.getByRole('list', { name: 'The new password must meet these rules:' }).innerText()).toContain(
      'at least 12 characters',
    );
    expect(await pageProblems(context, page, 'new password form', 4)).toEqual([]);

    // Too short, then two different entries: said beside the field, nothing sent.
    await page.getByLabel('New password', { exact: true }).fill('Short1a');
    await page.getByLabel('New password again', { exact: true }).fill('Short1a');
    await page.getByRole('button', { name: 'Save password and sign in' }).click();
    await page.getByText('Use at least 12 characters.').waitFor();
    await page.getByLabel('New password', { exact: true }).fill('Mittari-salasana-2026');
    await page.getByLabel('New password again', { exact: true }).fill('Mittari-salasana-2062');
    await page.getByRole('button', { name: 'Save password and sign in' }).click();
    await page.getByText('The two passwords differ.').waitFor();
    await page.getByLabel('New password again', { exact: true }).fill('Mittari-salasana-2026');
    await page.getByRole('button', { name: 'Save password and sign in' }).click();

    // Home, as a measure owner: a welcome, their measures, and no management pages.
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('heading', { level: 2, name: `Welcome, ${name}` }).waitFor();
    const main = await page.getByRole('main').innerText();
    expect(main).toContain('Your role: Measure owner.');
    expect(main).toContain('follow the measures assigned to you');
    const nav = page.getByRole('navigation', { name: 'Main menu' });
    expect((await nav.getByRole('link').allInnerTexts()).map((t) => t.trim())).toEqual(['My measures', 'Home']);
    await page.goto('/users');
    await page.getByRole('heading', { level: 1, name: 'Not available' }).waitFor();
  });

  it('an administrator deactivates a user, who is signed out and cannot sign in; exports, erases, and finds it all in the audit trail', async () => {
    const context = await phone('en-GB');
    const admin = await signedInPage(context, 'administrator', '/users/new');
    const name = uniqueName('Ville Valtuutettu');
    const email = `${name.split(' ').pop()}@example.org`;
    const temporary = await addUser(admin, { email, name, role: 'Council member' });

    // The new user signs in (in another tab: sign-in is per tab).
    const user = await context.newPage();
    await firstSignIn(user, email, temporary, 'Valtuutettu-2026-salasana');
    await user.getByRole('heading', { level: 2, name: `Welcome, ${name}` }).waitFor();

    // Deactivate.
    await admin.getByRole('link', { name: 'Back to the list', exact: true }).click();
    await admin.getByRole('link', { name, exact: true }).click();
    await admin.getByRole('heading', { level: 1, name }).waitFor();
    const id = new URL(admin.url()).pathname.split('/').pop()!;
    await admin.getByRole('button', { name: 'Deactivate', exact: true }).click();
    await admin
      .getByRole('status')
      .filter({ hasText: `${name} is deactivated and can no longer sign in.` })
      .waitFor();
    await admin.getByRole('button', { name: 'Reactivate', exact: true }).waitFor();

    // Their next step sends them to sign in, where they are refused.
    await user.goto('/');
    await user.waitForURL((url) => url.pathname === '/signin');
    await submitSignIn(user, { email, password: 'Valtuutettu-2026-salasana' });
    await user.getByRole('alert').filter({ hasText: 'This account is not active. Ask your administrator.' }).waitFor();
    expect(new URL(user.url()).pathname).toBe('/signin');

    // Export: a JSON file with what is stored about them.
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      admin.getByRole('button', { name: 'Export data (GDPR)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`sillat-user-${id}.json`);
    const exported = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
      profile: { email: string; status: string };
      auditEntriesAboutUser: { action: string }[];
    };
    expect(exported.profile).toMatchObject({ email, status: 'deactivated' });
    expect(exported.auditEntriesAboutUser.map((e) => e.action)).toEqual(
      expect.arrayContaining(['user.create', 'user.deactivate']),
    );

    // Erase, after a confirmation that says what stays.
    await admin.getByRole('button', { name: 'Erase', exact: true }).click();
    const dialog = admin.getByRole('dialog', { name: `Erase ${name}?` });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain(`only by the pseudonymous id ${id}`);
    await dialog.getByRole('button', { name: 'Erase for good' }).click();
    await admin.getByRole('status').filter({ hasText: 'The user was erased.' }).waitFor();
    expect(new URL(admin.url()).search).toBe('?status=all');
    await admin.getByRole('heading', { level: 2, name: DEMO.administrator.name }).waitFor();
    expect(await admin.getByRole('heading', { name, exact: true }).count()).toBe(0);

    // The audit trail, filtered to what the administrator did: the erased user appears only by id.
    await admin.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Audit trail' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    await admin.getByLabel('Person', { exact: true }).selectOption({ label: DEMO.administrator.name });
    await admin.getByRole('button', { name: 'Show entries' }).click();
    await admin.waitForURL((url) => url.searchParams.get('actorId') === DEMO.administrator.id);
    const rows = admin.getByRole('row').filter({ hasText: id });
    await rows.first().waitFor();
    const texts = await rows.allInnerTexts();
    expect(texts.map((t) => t.match(/user\.\w+/)?.[0])).toEqual(['user.erase', 'user.deactivate', 'user.create']);
    for (const text of texts) expect(text).toContain(DEMO.administrator.name);
    expect(texts.join('\n')).not.toContain(name);

    // Narrowed by action; and a person with no changes has none.
    await admin.getByLabel('Action begins with', { exact: true }).fill('user.erase');
    await admin.getByRole('button', { name: 'Show entries' }).click();
    await admin.waitForURL((url) => url.searchParams.get('action') === 'user.erase');
    await admin.getByRole('row').filter({ hasText: id }).waitFor();
    expect((await admin.getByRole('row').allInnerTexts()).slice(1).every((t) => t.includes('user.erase'))).toBe(true);
    await admin.getByLabel('Action begins with', { exact: true }).fill('');
    await admin.getByLabel('Person', { exact: true }).selectOption({ label: DEMO.councilMember.name });
    await admin.getByRole('button', { name: 'Show entries' }).click();
    await admin.getByText('No entries match these filters.').waitFor();
  });
});
