import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useClerkAndCoordinator } from './fixtures';
import { apiAs } from './helpers';

const e2e = inject('e2e');

interface ServerNotes {
  status: string;
  sections: Record<string, string>;
  returnComment?: string;
  version: number;
}

async function serverNotes(coordinator: Page, path: string): Promise<ServerNotes> {
  const res = await apiAs(coordinator, 'GET', `${path}/notes`);
  expect(res.status).toBe(200);
  return (await res.json()) as ServerNotes;
}

describe.skipIf(!e2e.enabled)('anonymised notes: a clerk on a phone, the coordinator on a desktop', () => {
  const { start } = useClerkAndCoordinator(() => e2e.baseUrl);

  it('stops an identity code, lets the clerk redact it and deliver, and the coordinator approves', async () => {
    const { coordinator, clerk, path } = await start();

    const attitudes = clerk.getByLabel('asenteet', { exact: true });
    await attitudes.fill('Yksi osallistuja kertoi henkilötunnuksensa 131052-308T. Kirjastossa on hyvä tunnelma.');
    await clerk.getByText('Henkilötunnus:').waitFor();
    const deliver = clerk.getByRole('button', { name: 'Toimita muistiinpanot', exact: true });
    expect(await deliver.isDisabled()).toBe(true);
    await clerk.getByText('Tallennettu', { exact: true }).waitFor();

    await clerk.getByRole('button', { name: 'Poista', exact: true }).click();
    await clerk.getByText('Henkilötunnus:').waitFor({ state: 'detached' });
    expect(await attitudes.inputValue()).toBe(
      'Yksi osallistuja kertoi henkilötunnuksensa […]. Kirjastossa on hyvä tunnelma.',
    );
    await clerk.getByText('Tallennettu', { exact: true }).waitFor();
    // Nothing on the phone scrolls sideways.
    expect(Number(await clerk.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(375);

    await deliver.click();
    await clerk.getByText('Muistiinpanot on toimitettu koordinaattorille', { exact: false }).waitFor();
    expect(await clerk.getByRole('textbox', { name: 'asenteet', exact: true }).count()).toBe(0);

    // The coordinator reads what arrived and approves it.
    await coordinator.goto(path);
    await coordinator.getByText('Kirjastossa on hyvä tunnelma.', { exact: false }).waitFor();
    expect(await coordinator.getByText('131052-308T').count()).toBe(0);
    await coordinator.getByRole('button', { name: 'Hyväksy', exact: true }).click();
    await coordinator.getByRole('status').filter({ hasText: 'Muistiinpanot hyväksytty.' }).waitFor();

    const notes = await apiAs(coordinator, 'GET', `${path}/notes`);
    expect(((await notes.json()) as { status: string }).status).toBe('approved');
  });

  it('keeps what the clerk types offline on the phone and saves it once when the connection returns', async () => {
    const { coordinator, clerk, phone, sessionId, path } = await start();

    // Every save that reaches the server, with its answer.
    const saves: number[] = [];
    clerk.on('response', (res) => {
      if (res.request().method() === 'PUT' && new URL(res.url()).pathname === `/api${path}/notes`) {
        saves.push(res.status());
      }
    });
    const attitudes = clerk.getByLabel('asenteet', { exact: true });
    const saved = clerk.getByText('Tallennettu', { exact: true });
    await attitudes.fill('Keskustelu oli vilkasta.');
    await saved.waitFor();
    const before = await serverNotes(coordinator, path);
    expect(before.sections.attitudes).toBe('Keskustelu oli vilkasta.');
    await expect.poll(() => saves).toEqual([200]);

    // The connection drops; the clerk keeps typing.
    await phone.setOffline(true);
    await attitudes.press('End');
    await attitudes.pressSequentially(' Kirjasto tuntui turvalliselta.');
    await clerk.getByText('Ei tallennettu – ei yhteyttä, säilytetään tällä laitteella', { exact: true }).waitFor();
    expect(await saved.count()).toBe(0);
    const kept = (await clerk.evaluate(`localStorage.getItem('sillat.notes.${sessionId}')`)) as string | null;
    expect(kept).toContain('Kirjasto tuntui turvalliselta.');
    // Nothing reached the server meanwhile.
    expect(saves).toEqual([200]);
    expect(await serverNotes(coordinator, path)).toMatchObject({
      version: before.version,
      sections: { attitudes: 'Keskustelu oli vilkasta.' },
    });

    // Back online: the draft goes to the server by itself, once.
    await phone.setOffline(false);
    await saved.waitFor();
    const after = await serverNotes(coordinator, path);
    expect(after.sections.attitudes).toBe('Keskustelu oli vilkasta. Kirjasto tuntui turvalliselta.');
    await expect.poll(() => saves).toEqual([200, 200]);
    expect(after.version).toBe(before.version + 1);
    // Nothing more is sent afterwards (no duplicate save from a leftover timer).
    await clerk.waitForTimeout(2_500);
    expect(saves).toEqual([200, 200]);
    expect((await serverNotes(coordinator, path)).version).toBe(after.version);
    const left = (await clerk.evaluate(`localStorage.getItem('sillat.notes.${sessionId}')`)) as string | null;
    expect(left === null || (JSON.parse(left) as { unsent: boolean }).unsent === false).toBe(true);
  });

  it('shows the coordinator’s return comment to the clerk, who edits and delivers again', async () => {
    const { coordinator, clerk, path } = await start();

    const deliver = clerk.getByRole('button', { name: 'Toimita muistiinpanot', exact: true });
    await clerk.getByLabel('asenteet', { exact: true }).fill('Tunnelma oli hyvä.');
    await clerk.getByText('Tallennettu', { exact: true }).waitFor();
    await deliver.click();
    await clerk.getByText('Muistiinpanot on toimitettu koordinaattorille', { exact: false }).waitFor();

    // The coordinator returns the notes with a comment.
    const comment = 'Kerro tarkemmin, mistä tunnelma syntyi.';
    await coordinator.goto(path);
    await coordinator.getByRole('button', { name: 'Palauta kommentin kanssa', exact: true }).click();
    const dialog = coordinator.getByRole('dialog', { name: 'Palauta muistiinpanot kirjurille' });
    await dialog.getByLabel('Mitä pitäisi muuttaa?', { exact: true }).fill(comment);
    await dialog.getByRole('button', { name: 'Palauta kommentin kanssa', exact: true }).click();
    await coordinator.getByRole('status').filter({ hasText: 'Muistiinpanot palautettu kirjurille.' }).waitFor();
    expect(await serverNotes(coordinator, path)).toMatchObject({ status: 'returned', returnComment: comment });

    // The clerk sees the comment, edits the notes and delivers them again.
    await clerk.reload();
    const note = clerk.getByRole('note').filter({ hasText: 'Koordinaattori palautti muistiinpanot' });
    await note.getByText(comment, { exact: true }).waitFor();
    const attitudes = clerk.getByLabel('asenteet', { exact: true });
    expect(await attitudes.inputValue()).toBe('Tunnelma oli hyvä.');
    await attitudes.fill('Tunnelma oli hyvä, koska ohjaaja tervehti jokaista osallistujaa.');
    await clerk.getByText('Tallennettu', { exact: true }).waitFor();
    await deliver.click();
    await clerk.getByText('Muistiinpanot on toimitettu koordinaattorille', { exact: false }).waitFor();

    expect(await serverNotes(coordinator, path)).toMatchObject({
      status: 'delivered',
      sections: { attitudes: 'Tunnelma oli hyvä, koska ohjaaja tervehti jokaista osallistujaa.' },
    });
  });
});
