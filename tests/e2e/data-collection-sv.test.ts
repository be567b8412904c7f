import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { DEMO, type Credentials, apiAs, uniqueName, useBrowser } from './helpers';

const e2e = inject('e2e');

/** A calendar day `offset` days from today, as the date inputs take it ("2026-11-23"). */
function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Signs in on the (Swedish) sign-in page already open, and waits for the app's menu. */
async function signInSv(page: Page, who: Credentials): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Logga in i Sillat' }).waitFor();
  await page.getByLabel('E-post', { exact: true }).fill(who.email);
  await page.getByLabel('Lösenord', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Logga in', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
  expect(await page.evaluate('document.documentElement.lang')).toBe('sv');
}

/** The phase the step indicator marks as current. */
async function currentStep(page: Page): Promise<string> {
  const step = page.getByRole('list', { name: 'Omgångens faser' }).locator('[aria-current="step"]');
  return (await step.innerText()).trim();
}

interface ApiSession {
  status: string;
  language: string;
  participantCount?: number;
  clerkId?: string;
  ratings?: Record<string, number[]>;
}

interface ApiNotes {
  status: string;
  language: string;
  sections: Record<string, string>;
  confirmations?: { section: string; kind: string; text: string }[];
}

describe.skipIf(!e2e.enabled)(
  'a whole data-collection phase in Swedish (coordinator at a desktop, clerk on a phone)',
  () => {
    const { context } = useBrowser(() => e2e.baseUrl);
    const sized = (width: number, height: number, locale: string) =>
      context(async (browser: Browser, baseURL: string) => {
        const made = await browser.newContext({ baseURL, viewport: { width, height }, locale });
        made.setDefaultTimeout(10_000);
        made.setDefaultNavigationTimeout(20_000);
        return made;
      });

    it('plans a session, the clerk records it and delivers checked notes, and the coordinator turns them into a printed deck', async () => {
      const roundName = uniqueName('Vårens omgång');
      const place = 'Stadsbibliotekets mötesrum';
      const phone = '040 123 4567';
      const email = 'info@grannhjalpen.example.org';
      const interaction =
        'Träffarna i biblioteket på tisdagar för samman gamla och nya invånare. ' +
        `En deltagare bad att vi ringer henne på ${phone} inför nästa träff. ` +
        `Föreningens allmänna adress ${email} får delas ut till alla.`;
      const redacted = interaction.replace(phone, '[…]');
      const safety = 'Många känner sig otrygga vid busshållplatsen på kvällarna eftersom belysningen är dålig.';
      const positiveCard = 'Tisdagsträffarna i biblioteket för samman gamla och nya invånare.';
      const negativeCard = 'Vid busshållplatsen känns det otryggt på kvällarna när belysningen är dålig.';

      // ---- The coordinator, at a desktop in a Finnish browser, switches the app to Swedish before signing in.
      const coordinator = await (await sized(1280, 900, 'fi-FI')).newPage();
      await coordinator.goto('/');
      await coordinator.waitForURL((url) => url.pathname === '/signin');
      await coordinator.getByRole('heading', { level: 1, name: 'Kirjaudu Sillat-palveluun' }).waitFor();
      await coordinator.getByLabel('Kieli', { exact: true }).selectOption({ label: 'svenska' });
      await signInSv(coordinator, DEMO.coordinator);

      // A new round: a name in Swedish, a period, one population group and Neighbourhood Aid.
      await coordinator.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Omgångar' }).click();
      await coordinator.getByRole('heading', { level: 1, name: 'Omgångar' }).waitFor();
      await coordinator.getByRole('link', { name: 'Ny omgång', exact: true }).click();
      await coordinator.getByRole('heading', { level: 1, name: 'Ny omgång' }).waitFor();
      await coordinator
        .getByRole('group', { name: 'Namn', exact: true })
        .getByLabel('På svenska', { exact: true })
        .fill(roundName);
      await coordinator.getByLabel('Börjar', { exact: true }).fill(day(-30));
      await coordinator.getByLabel('Slutar', { exact: true }).fill(day(150));
      await coordinator
        .getByRole('group', { name: 'Befolkningsgrupper', exact: true })
        .getByRole('checkbox', { name: 'Svenskspråkiga äldre', exact: true })
        .check();
      await coordinator
        .getByRole('group', { name: 'Organisationer', exact: true })
        .getByRole('checkbox', { name: 'Grannhjälpen rf', exact: true })
        .check();
      await coordinator.getByRole('button', { name: 'Skapa omgången', exact: true }).click();
      await coordinator.getByRole('heading', { level: 1, name: roundName }).waitFor();
      await coordinator.getByRole('status').filter({ hasText: 'Omgången har skapats.' }).waitFor();
      const details = await coordinator.locator('dl.details').innerText();
      expect(details).toContain('Svenskspråkiga äldre');
      expect(details).toContain('Grannhjälpen rf');
      expect(await currentStep(coordinator)).toBe('Planering');
      const roundId = /^\/rounds\/([^/]+)$/.exec(new URL(coordinator.url()).pathname)?.[1];
      expect(roundId).toBeDefined();

      // Into data collection, confirmed in the dialog.
      await coordinator.getByRole('button', { name: 'Flytta till fasen: Datainsamling', exact: true }).click();
      await coordinator
        .getByRole('dialog', { name: 'Flytta omgången till fasen: Datainsamling?' })
        .getByRole('button', { name: 'Flytta', exact: true })
        .click();
      await coordinator.getByRole('status').filter({ hasText: 'Omgången är nu i fasen: Datainsamling.' }).waitFor();
      expect(await currentStep(coordinator)).toBe('Datainsamling');
      const round = await apiAs(coordinator, 'GET', `/rounds/${roundId}`);
      expect(((await round.json()) as { phase: string }).phase).toBe('dataCollection');

      // A discussion session with the demo staff member as its clerk.
      const add = coordinator.getByRole('region', { name: 'Lägg till diskussionstillfälle' });
      await add.getByLabel('Befolkningsgrupp', { exact: true }).selectOption({ label: 'Svenskspråkiga äldre' });
      await add.getByLabel('Område', { exact: true }).selectOption({ label: 'Mellersta stordistriktet' });
      await add.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Grannhjälpen rf' });
      await add.getByLabel('Gruppens språk', { exact: true }).selectOption({ label: 'svenska' });
      await add.getByLabel('Datum', { exact: true }).fill(day(0));
      await add.getByLabel('Plats', { exact: true }).fill(place);
      await add.getByLabel('Sista dag för anteckningarna', { exact: true }).fill(day(14));
      const clerkSelect = add.getByLabel('Sekreterare', { exact: true });
      await clerkSelect.locator('option', { hasText: DEMO.organisationStaff.name }).waitFor({ state: 'attached' });
      await clerkSelect.selectOption({ label: DEMO.organisationStaff.name });
      await add.getByRole('button', { name: 'Lägg till tillfället', exact: true }).click();
      await coordinator.getByRole('status').filter({ hasText: 'Diskussionstillfället har lagts till.' }).waitFor();
      await coordinator.getByRole('heading', { level: 1, name: new RegExp(place) }).waitFor();
      const sessionPath = new URL(coordinator.url()).pathname;
      expect(sessionPath).toMatch(new RegExp(`^/rounds/${roundId}/sessions/[^/]+$`));

      // The participant count (a number, never names) is recorded on the session's own page.
      const edit = coordinator.getByRole('region', { name: 'Redigera tillfällets uppgifter' });
      await edit.getByLabel('Antal deltagare', { exact: true }).fill('9');
      await edit.getByRole('button', { name: 'Spara', exact: true }).click();
      await edit.getByRole('status').filter({ hasText: 'Sparat.' }).waitFor();
      const planned = (await (await apiAs(coordinator, 'GET', sessionPath)).json()) as ApiSession;
      expect(planned).toMatchObject({
        status: 'planned',
        language: 'sv',
        participantCount: 9,
        clerkId: DEMO.organisationStaff.id,
      });

      // ---- The clerk, on a 375 px phone in a Swedish browser, finds the session among their own.
      const clerk = await (await sized(375, 812, 'sv-FI')).newPage();
      await clerk.goto('/');
      await clerk.waitForURL((url) => url.pathname === '/signin');
      await signInSv(clerk, DEMO.organisationStaff);
      await clerk
        .getByRole('navigation', { name: 'Huvudmeny' })
        .getByRole('link', { name: 'Mina diskussionstillfällen', exact: true })
        .click();
      await clerk.getByRole('heading', { level: 1, name: 'Omgångar' }).waitFor();
      await clerk
        .getByRole('list', { name: 'Omgångar', exact: true })
        .getByRole('link', { name: roundName, exact: true })
        .click();
      await clerk.getByRole('heading', { level: 1, name: roundName }).waitFor();
      const sessions = clerk.getByRole('list', { name: 'Diskussionstillfällen', exact: true });
      const listed = sessions.getByRole('listitem').filter({ hasText: place });
      expect(await listed.innerText()).toContain('Planerat');
      await listed.getByRole('link', { name: new RegExp(place) }).click();
      await clerk.getByRole('heading', { level: 1, name: new RegExp(place) }).waitFor();
      expect(new URL(clerk.url()).pathname).toBe(sessionPath);
      const facts = await clerk.locator('dl.details').innerText();
      expect(facts).toContain('Svenskspråkiga äldre');
      expect(facts).toContain('Grannhjälpen rf');
      expect(facts).toContain('svenska');
      await clerk.getByText('Anteckningarna kan skrivas när tillfället har markerats som hållet.').waitFor();

      // The session was held.
      await clerk.getByRole('button', { name: 'Markera som hållet', exact: true }).click();
      await clerk.getByRole('status').filter({ hasText: 'Diskussionstillfällets status är nu: Hållet.' }).waitFor();

      // How the nine participants rated the aspects: counts per point, one aspect left unrated.
      const ratings = clerk.getByRole('region', { name: 'Bedömningar av aspekterna' });
      const given: Record<string, { label: string; counts: number[] }> = {
        attitudes: { label: 'attityder', counts: [0, 1, 2, 4, 2] },
        safety: { label: 'trygghetskänsla', counts: [2, 3, 3, 1, 0] },
        interaction: { label: 'växelverkan', counts: [0, 0, 1, 3, 5] },
      };
      for (const { label, counts } of Object.values(given)) {
        for (const [i, count] of counts.entries()) {
          await ratings.getByLabel(`${label}, betyg ${i + 1}: antal`, { exact: true }).fill(String(count));
        }
      }
      await ratings.getByRole('button', { name: 'Spara bedömningarna', exact: true }).click();
      await ratings.getByRole('status').filter({ hasText: 'Sparat.' }).waitFor();
      const rated = (await (await apiAs(clerk, 'GET', sessionPath)).json()) as ApiSession;
      expect(rated.status).toBe('held');
      expect(rated.ratings).toEqual(Object.fromEntries(Object.entries(given).map(([a, { counts }]) => [a, counts])));
      expect(await ratings.getByLabel('delaktighet, betyg 3: antal', { exact: true }).inputValue()).toBe('');

      // Notes in Swedish, with a phone number and an e-mail address in them.
      await clerk
        .getByRole('group', { name: 'Anteckningarnas språk', exact: true })
        .getByRole('radio', { name: 'svenska', exact: true })
        .check();
      await clerk.getByLabel('trygghetskänsla', { exact: true }).fill(safety);
      const interactionNotes = clerk.getByLabel('växelverkan', { exact: true });
      await interactionNotes.fill(interaction);
      expect(await interactionNotes.getAttribute('lang')).toBe('sv');

      // The personal-data check stops delivery until each flag is dealt with.
      const flags = clerk.getByRole('list', { name: 'Möjliga personuppgifter: växelverkan', exact: true });
      const phoneFlag = flags.getByRole('listitem').filter({ hasText: 'Telefonnummer:' });
      const emailFlag = flags.getByRole('listitem').filter({ hasText: 'E-postadress:' });
      await phoneFlag.waitFor();
      await emailFlag.waitFor();
      expect(await flags.getByRole('listitem').count()).toBe(2);
      expect((await phoneFlag.locator('mark').innerText()).trim()).toBe(phone);
      expect((await emailFlag.locator('mark').innerText()).trim()).toBe(email);
      const deliver = clerk.getByRole('button', { name: 'Lämna in anteckningarna', exact: true });
      expect(await deliver.isDisabled()).toBe(true);
      await clerk
        .getByText('Öppna personuppgiftsfynd: 2. Ta bort eller bekräfta dem innan du lämnar in.', { exact: true })
        .waitFor();
      await clerk.getByText('Sparat', { exact: true }).waitFor();

      // The phone number goes; the association's public address is confirmed as not personal data.
      await phoneFlag.getByRole('button', { name: 'Ta bort', exact: true }).click();
      await phoneFlag.waitFor({ state: 'detached' });
      expect(await interactionNotes.inputValue()).toBe(redacted);
      await clerk
        .getByText('Öppna personuppgiftsfynd: 1. Ta bort eller bekräfta dem innan du lämnar in.', { exact: true })
        .waitFor();
      expect(await deliver.isDisabled()).toBe(true);
      await emailFlag.getByRole('button', { name: 'Inte en personuppgift', exact: true }).click();
      await flags.waitFor({ state: 'detached' });
      await clerk
        .getByText('Personuppgiftskontrollen hittade inget öppet. Inlämnade anteckningar kan inte ändras.', {
          exact: true,
        })
        .waitFor();
      await clerk.getByText('Sparat', { exact: true }).waitFor();
      expect(await deliver.isDisabled()).toBe(false);
      // Nothing on the phone scrolls sideways.
      expect(Number(await clerk.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(375);

      await deliver.click();
      await clerk.getByRole('status').filter({ hasText: 'Anteckningarna har lämnats in.' }).waitFor();
      await clerk.getByText('Anteckningarna har lämnats in till koordinatorn.', { exact: false }).waitFor();
      expect(await clerk.getByRole('textbox', { name: 'växelverkan', exact: true }).count()).toBe(0);
      const delivered = (await (await apiAs(clerk, 'GET', `${sessionPath}/notes`)).json()) as ApiNotes;
      expect(delivered).toMatchObject({
        status: 'delivered',
        language: 'sv',
        sections: { interaction: redacted, safety },
        confirmations: [{ section: 'interaction', kind: 'email', text: email }],
      });

      // ---- The coordinator finds the delivered notes from the round's overview and approves them.
      await coordinator.getByRole('link', { name: roundName }).click();
      await coordinator.getByRole('heading', { level: 1, name: roundName }).waitFor();
      const overview = coordinator.getByRole('region', { name: 'Omgångens läge' });
      const cells = overview.getByRole('table', { name: 'Samtal efter befolkningsgrupp och område' });
      const row = cells
        .getByRole('row')
        .filter({ has: coordinator.getByRole('rowheader', { name: 'Svenskspråkiga äldre', exact: true }) });
      expect(await row.innerText()).toContain('Mellersta stordistriktet');
      expect(await row.innerText()).toContain('Anteckningarna inlämnade');
      await row.getByRole('link', { name: 'Samtal 1', exact: true }).click();
      await coordinator.getByRole('heading', { level: 1, name: new RegExp(place) }).waitFor();
      const review = coordinator.getByRole('region', { name: 'Anonymiserade anteckningar' });
      await review.getByRole('heading', { name: 'växelverkan', exact: true }).waitFor();
      await review.getByText(redacted, { exact: true }).waitFor();
      await review.getByText(safety, { exact: true }).waitFor();
      expect(await coordinator.getByText(phone).count()).toBe(0);
      await review.getByRole('button', { name: 'Godkänn', exact: true }).click();
      await coordinator.getByRole('status').filter({ hasText: 'Anteckningarna har godkänts.' }).waitFor();
      await coordinator.getByText('Koordinatorn har godkänt anteckningarna.', { exact: true }).waitFor();
      expect(((await (await apiAs(coordinator, 'GET', `${sessionPath}/notes`)).json()) as ApiNotes).status).toBe(
        'approved',
      );

      // Two experience cards from the approved notes, in the session's language (Swedish) by default.
      const cardForm = coordinator.getByRole('region', { name: 'Gör ett erfarenhetskort' });
      const makeCard = async (aspect: string, tone: string, text: string) => {
        expect(await cardForm.getByLabel('Kortets språk', { exact: true }).inputValue()).toBe('sv');
        await cardForm.getByLabel('Aspekt', { exact: true }).selectOption({ label: aspect });
        await cardForm.getByLabel('Ton', { exact: true }).selectOption({ label: tone });
        await cardForm.getByLabel('Kortets text', { exact: true }).fill(text);
        await cardForm.getByText(`${text.length}/600 tecken`, { exact: true }).waitFor();
        await cardForm.getByRole('button', { name: 'Spara kortet', exact: true }).click();
        // Saved: the form is emptied for the next card.
        await cardForm.getByText('0/600 tecken', { exact: true }).waitFor();
        await cardForm.getByRole('status').filter({ hasText: 'Kortet har sparats.' }).waitFor();
      };
      await makeCard('växelverkan', 'Positiv', positiveCard);
      await makeCard('trygghetskänsla', 'Negativ', negativeCard);
      const cards = await apiAs(coordinator, 'GET', `/rounds/${roundId}/cards`);
      const { items } = (await cards.json()) as {
        items: { aspect: string; tone: string; language: string; text: string; inDeck: boolean }[];
      };
      expect(
        items.map(({ aspect, tone, language, text, inDeck }) => ({ aspect, tone, language, text, inDeck })),
      ).toEqual(
        expect.arrayContaining([
          { aspect: 'interaction', tone: 'positive', language: 'sv', text: positiveCard, inDeck: true },
          { aspect: 'safety', tone: 'negative', language: 'sv', text: negativeCard, inDeck: true },
        ]),
      );
      expect(items).toHaveLength(2);

      // The round's overview: the session approved, the cards counted by aspect and tone.
      await coordinator.getByRole('link', { name: roundName }).click();
      await coordinator.getByRole('heading', { level: 1, name: roundName }).waitFor();
      await overview.getByText('Samtal 1, varav försenade 0. Erfarenhetskort 2.', { exact: false }).waitFor();
      expect(
        await overview.getByRole('list', { name: 'Samtal efter status' }).getByRole('listitem').allInnerTexts(),
      ).toEqual(['Planerat: 0', 'Hållet: 0', 'Anteckningarna inlämnade: 0', 'Godkänt: 1']);
      expect(await row.innerText()).toContain('Godkänt');
      const counts = overview.getByRole('table', { name: 'Erfarenhetskort efter aspekt och ton' });
      const toneCounts = async (aspect: string) =>
        counts
          .getByRole('row')
          .filter({ has: coordinator.getByRole('rowheader', { name: aspect, exact: true }) })
          .getByRole('cell')
          .allInnerTexts();
      expect(await counts.getByRole('columnheader').allInnerTexts()).toEqual(['Aspekt', 'Positiv', 'Negativ']);
      expect(await toneCounts('växelverkan')).toEqual(['1', '0']);
      expect(await toneCounts('trygghetskänsla')).toEqual(['0', '1']);
      expect(await toneCounts('attityder')).toEqual(['0', '0']);
      expect(await toneCounts('delaktighet')).toEqual(['0', '0']);
      const listedSession = coordinator
        .getByRole('list', { name: 'Diskussionstillfällen', exact: true })
        .getByRole('listitem')
        .filter({ hasText: place });
      expect(await listedSession.innerText()).toContain('Godkänt');

      // The printable deck in Swedish has both cards, with aspect, tone, group and district.
      await overview.getByRole('link', { name: 'Erfarenhetskort', exact: true }).click();
      await coordinator.getByRole('heading', { level: 1, name: 'Erfarenhetskort' }).waitFor();
      await coordinator.getByRole('link', { name: 'Kortleken på svenska', exact: true }).click();
      await coordinator.waitForURL((url) => url.pathname === `/rounds/${roundId}/cards/print`);
      expect(new URL(coordinator.url()).searchParams.get('lang')).toBe('sv');
      await coordinator.getByRole('heading', { level: 1, name: 'Utskrivbar kortlek' }).waitFor();
      await coordinator
        .getByText('Kortleken har 2 kort på svenska. Skriv ut på A4-ark, sex kort per ark.', { exact: true })
        .waitFor();
      expect(await coordinator.evaluate('document.title')).toContain('Utskrivbar kortlek');
      const deck = coordinator.getByRole('region', { name: 'Korten i kortlekens ordning' });
      expect(await deck.getAttribute('lang')).toBe('sv');
      const printed = deck.getByRole('listitem');
      await printed.nth(1).waitFor();
      expect(await printed.count()).toBe(2);
      const positive = printed.filter({ hasText: positiveCard });
      const negative = printed.filter({ hasText: negativeCard });
      for (const [item, aspect, tone] of [
        [positive, 'växelverkan', 'Positiv'],
        [negative, 'trygghetskänsla', 'Negativ'],
      ] as const) {
        const words = (await item.textContent()) ?? '';
        expect(words).toContain(aspect);
        expect(words).toContain(tone);
        expect(words).toContain('Svenskspråkiga äldre · Mellersta stordistriktet');
      }

      // On paper: only the deck, both cards on one A4 sheet.
      await coordinator.emulateMedia({ media: 'print' });
      expect(await coordinator.locator('header.site-header').isVisible()).toBe(false);
      expect(await positive.isVisible()).toBe(true);
      expect(await negative.isVisible()).toBe(true);
      const pdf = (await coordinator.pdf({ format: 'A4' })).toString('latin1');
      expect(pdf.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0).toBe(1);
    });
  },
);
