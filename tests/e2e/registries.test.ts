import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { apiAs, signedInPage, uniqueName, usePhoneBrowser } from './helpers';

const e2e = inject('e2e');

interface Group {
  id: string;
  name: { fi?: string; sv?: string; en?: string };
  archived: boolean;
  languages: string[];
}

/** What the API holds, read with the token of the user signed in on `page`. */
async function groups(page: Page): Promise<Group[]> {
  const res = await apiAs(page, 'GET', '/population-groups?includeArchived=true');
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: Group[] }).items;
}

/** The card (list item) whose heading is exactly `name`, in the list labelled `listName`. */
function card(page: Page, listName: string, name: string) {
  return page
    .getByRole('list', { name: listName, exact: true })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name, exact: true }) });
}

async function status(page: Page, text: string): Promise<void> {
  await page.getByRole('status').filter({ hasText: text }).waitFor();
}

describe.skipIf(!e2e.enabled)('registries in the browser (360 px, Swedish, as a coordinator)', () => {
  const { phone } = usePhoneBrowser(() => e2e.baseUrl);

  it('adds a population group with only a Swedish name, edits it, archives it', async () => {
    const context = await phone('sv-FI');
    const page = await signedInPage(context, 'coordinator', '/');
    const name = uniqueName('Somaliska kvinnor');
    const finnish = uniqueName('Somalialaiset naiset');

    // Swedish from the browser's language; to the list, then the form.
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Befolkningsgrupper' }).click();
    await page.getByRole('heading', { level: 1, name: 'Befolkningsgrupper' }).waitFor();
    await page.getByRole('link', { name: 'Lägg till befolkningsgrupp' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lägg till befolkningsgrupp' }).waitFor();

    const names = page.getByRole('group', { name: 'Namn' });
    await names.getByLabel('På svenska', { exact: true }).fill(name);
    await page.getByRole('checkbox', { name: 'somaliska', exact: true }).check();
    await page.getByRole('button', { name: 'Spara' }).click();

    // Back on the list: confirmation, the new card, and what is missing.
    await status(page, 'Tillagt.');
    await page.getByRole('heading', { level: 1, name: 'Befolkningsgrupper' }).waitFor();
    const added = card(page, 'Befolkningsgrupper', name);
    await added.waitFor();
    const addedText = await added.innerText();
    expect(addedText).toContain('Saknas: finska och engelska');
    expect(addedText).toContain('somaliska');
    const stored = (await groups(page)).find((g) => g.name.sv === name);
    expect(stored).toMatchObject({ name: { sv: name }, archived: false, languages: ['so'] });
    expect(stored?.name.fi ?? '').toBe('');
    expect(stored?.name.en ?? '').toBe('');

    // Edit: add the Finnish name.
    await added.getByRole('link', { name: `Redigera: ${name}` }).click();
    await page.getByRole('heading', { level: 1, name: `Redigera befolkningsgrupp: ${name}` }).waitFor();
    const finnishField = page.getByRole('group', { name: 'Namn' }).getByLabel('På finska', { exact: true });
    expect(await finnishField.inputValue()).toBe('');
    expect(await page.getByRole('checkbox', { name: 'somaliska', exact: true }).isChecked()).toBe(true);
    await finnishField.fill(finnish);
    await page.getByRole('button', { name: 'Spara' }).click();
    await status(page, 'Sparat.');
    const edited = card(page, 'Befolkningsgrupper', name);
    await edited.waitFor();
    const editedText = await edited.innerText();
    expect(editedText).toContain('Saknas: engelska');
    expect(editedText).not.toContain('finska');
    expect((await groups(page)).find((g) => g.id === stored?.id)?.name).toMatchObject({ fi: finnish, sv: name });

    // Archive: the list then shows archived items, with this one marked.
    await edited.getByRole('link', { name: `Redigera: ${name}` }).click();
    await page.getByRole('heading', { level: 1, name: `Redigera befolkningsgrupp: ${name}` }).waitFor();
    await page.getByRole('button', { name: 'Arkivera', exact: true }).click();
    await status(page, 'Arkiverat.');
    const showArchived = page.getByRole('checkbox', { name: 'Visa arkiverade' });
    expect(await showArchived.isChecked()).toBe(true);
    await card(page, 'Befolkningsgrupper', name).getByText('Arkiverad', { exact: true }).waitFor();
    expect((await groups(page)).find((g) => g.id === stored?.id)?.archived).toBe(true);

    // Without "Visa arkiverade" it is gone, also on a fresh load of the list.
    await showArchived.uncheck();
    await page.waitForURL((url) => !url.search.includes('archived'));
    await card(page, 'Befolkningsgrupper', name).waitFor({ state: 'detached' });
    await page.goto('/population-groups');
    await page.getByRole('heading', { level: 1, name: 'Befolkningsgrupper' }).waitFor();
    // The demo groups are listed (so the list has loaded), but not the archived one.
    await page.getByRole('list', { name: 'Befolkningsgrupper', exact: true }).getByRole('listitem').first().waitFor();
    expect(await card(page, 'Befolkningsgrupper', name).count()).toBe(0);

    // Ticking it brings the archived group back, marked "Arkiverad".
    await page.getByRole('checkbox', { name: 'Visa arkiverade' }).check();
    await page.waitForURL((url) => url.search.includes('archived=1'));
    const archived = card(page, 'Befolkningsgrupper', name);
    await archived.getByText('Arkiverad', { exact: true }).waitFor();
  });

  it('switches language with the selector and keeps the choice after a reload', async () => {
    const context = await phone('sv-FI');
    const page = await signedInPage(context, 'coordinator', '/');
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    await page
      .getByRole('navigation', { name: 'Huvudmeny' })
      .getByRole('link', { name: 'Befolkningsgrupper' })
      .waitFor();

    await page.getByRole('combobox', { name: 'Språk', exact: true }).selectOption({ label: 'English' });
    const englishNav = page.getByRole('navigation', { name: 'Main menu' });
    await englishNav.getByRole('link', { name: 'Population groups' }).click();
    await page.getByRole('heading', { level: 1, name: 'Population groups' }).waitFor();
    await page.getByRole('link', { name: 'Add population group' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption({ label: 'suomi' });
    await page.getByRole('heading', { level: 1, name: 'Väestöryhmät' }).waitFor();
    const finnishNav = page.getByRole('navigation', { name: 'Päävalikko' });
    await finnishNav.getByRole('link', { name: 'Etusivu' }).waitFor();
    await finnishNav.getByRole('link', { name: 'Järjestöt' }).waitFor();

    // Kept after a reload, though the browser still prefers Swedish.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Väestöryhmät' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Kieli', exact: true }).inputValue()).toBe('fi');
    expect(await page.locator('html').getAttribute('lang')).toBe('fi');
    await page.getByRole('link', { name: 'Lisää väestöryhmä' }).waitFor();
  });

  it('shows an error summary in the current language and adds nothing when every name is empty', async () => {
    const context = await phone('sv-FI');
    const page = await signedInPage(context, 'coordinator', '/population-groups/new');
    const before = (await groups(page)).length;
    await page.getByRole('heading', { level: 1, name: 'Lägg till befolkningsgrupp' }).waitFor();

    await page.getByRole('button', { name: 'Spara' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Det gick inte att spara');
    expect(await alert.innerText()).toContain('Kontrollera de markerade fälten.');
    const swedishName = page.getByRole('group', { name: 'Namn' }).getByLabel('På svenska', { exact: true });
    expect(await swedishName.getAttribute('aria-invalid')).toBe('true');
    expect(new URL(page.url()).pathname).toBe('/population-groups/new');
    expect((await groups(page)).length).toBe(before);

    // The same in English after switching the language.
    await page.getByRole('combobox', { name: 'Språk', exact: true }).selectOption({ label: 'English' });
    await page.getByRole('heading', { level: 1, name: 'Add population group' }).waitFor();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'Check the marked fields.' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Could not save');
    expect((await groups(page)).length).toBe(before);
  });
});
