import {
  DEFAULT_REMINDER_SETTINGS as defaults,
  digests,
  digestText,
  isEscalationDay,
  reminderKey,
  reminderStage,
  todayIn,
  type Digest,
  type DueItem,
  type Person,
} from '@sillat/shared/reminders';
import { addDays } from '@sillat/shared/schedule';
import { describe, expect, it } from 'vitest';

const HELSINKI = 'Europe/Helsinki';

describe('reminderStage with the defaults (7 before, on the day, 1 after, then weekly)', () => {
  it.each([
    ['2026-05-12', null], // 8 days before
    ['2026-05-13', 'dueSoon'], // exactly 7 before
    ['2026-05-14', null],
    ['2026-05-19', null],
    ['2026-05-20', 'due'],
    ['2026-05-21', 'overdue'], // 1 day late
    ['2026-05-22', null],
    ['2026-05-27', null], // 7 days late: the repeat counts from the first overdue day
    ['2026-05-28', 'overdue'], // 8
    ['2026-06-03', null], // 14: the coordinators' day, not the owner's
    ['2026-06-04', 'overdue'], // 15
    ['2026-06-11', 'overdue'], // 22
  ])('on %s for a 2026-05-20 due date is %s', (today, stage) => {
    expect(reminderStage('2026-05-20', today, defaults)).toBe(stage);
  });

  it('counts calendar days across a month end', () => {
    expect(reminderStage('2026-03-03', '2026-02-24', defaults)).toBe('dueSoon');
    expect(reminderStage('2026-02-27', '2026-03-07', defaults)).toBe('overdue'); // 8 days late
  });
});

describe('reminderStage with other settings', () => {
  const stagesOver = (settings: typeof defaults, fromOffset: number, toOffset: number) => {
    const fired: Record<number, string> = {};
    for (let offset = fromOffset; offset <= toOffset; offset++) {
      const stage = reminderStage('2026-05-20', addDays('2026-05-20', offset), settings);
      if (stage) fired[offset] = stage;
    }
    return fired;
  };

  it('sends no advance reminder when beforeDays is 0', () => {
    expect(stagesOver({ ...defaults, beforeDays: 0 }, -30, 0)).toEqual({ 0: 'due' });
  });

  it('reminds overdue only once when overdueRepeatDays is 0', () => {
    expect(stagesOver({ ...defaults, overdueRepeatDays: 0 }, 1, 60)).toEqual({ 1: 'overdue' });
  });

  it('starts and repeats overdue reminders as configured', () => {
    expect(stagesOver({ ...defaults, overdueFirstDays: 3, overdueRepeatDays: 2 }, -10, 8)).toEqual({
      [-7]: 'dueSoon',
      0: 'due',
      3: 'overdue',
      5: 'overdue',
      7: 'overdue',
    });
  });

  it('refuses settings that are not whole days', () => {
    expect(() => reminderStage('2026-05-20', '2026-05-20', { ...defaults, overdueFirstDays: 0 })).toThrow(RangeError);
    expect(() => reminderStage('2026-05-20', '2026-05-20', { ...defaults, beforeDays: 1.5 })).toThrow(RangeError);
  });
});

describe('isEscalationDay', () => {
  it('is true on exactly one day: 14 days overdue', () => {
    const days: string[] = [];
    for (let offset = -10; offset <= 90; offset++) {
      const today = addDays('2026-05-20', offset);
      if (isEscalationDay('2026-05-20', today, defaults)) days.push(today);
    }
    expect(days).toEqual(['2026-06-03']);
  });

  it('follows escalateAfterDays, even on a day the owner is reminded too', () => {
    const settings = { ...defaults, escalateAfterDays: 8 };
    expect(isEscalationDay('2026-05-20', '2026-05-28', settings)).toBe(true);
    expect(reminderStage('2026-05-20', '2026-05-28', settings)).toBe('overdue');
  });
});

describe('todayIn', () => {
  it.each([
    // Spring forward: 2026-03-29 03:00 EET (01:00Z) becomes 04:00 EEST.
    ['2026-03-28T21:59:59Z', '2026-03-28'], // 23:59:59 EET
    ['2026-03-28T22:00:00Z', '2026-03-29'], // 00:00 EET
    ['2026-03-29T00:59:59Z', '2026-03-29'], // 02:59:59 EET, just before the change
    ['2026-03-29T01:00:00Z', '2026-03-29'], // 04:00 EEST, just after
    ['2026-03-29T20:59:59Z', '2026-03-29'], // 23:59:59 EEST
    ['2026-03-29T21:00:00Z', '2026-03-30'], // 00:00 EEST: a fixed +2 offset would still say the 29th
    // Fall back: 2026-10-25 04:00 EEST (01:00Z) becomes 03:00 EET.
    ['2026-10-24T20:59:59Z', '2026-10-24'], // 23:59:59 EEST
    ['2026-10-24T21:00:00Z', '2026-10-25'], // 00:00 EEST
    ['2026-10-25T00:59:59Z', '2026-10-25'], // 03:59:59 EEST, just before the change
    ['2026-10-25T01:00:00Z', '2026-10-25'], // 03:00 EET, just after
    ['2026-10-25T21:30:00Z', '2026-10-25'], // 23:30 EET: a fixed +3 offset would say the 26th
    ['2026-10-25T22:00:00Z', '2026-10-26'], // 00:00 EET
  ])('%s is %s in Helsinki', (instant, day) => {
    expect(todayIn(new Date(instant), HELSINKI)).toBe(day);
  });

  it('uses the zone it is given', () => {
    expect(todayIn(new Date('2026-03-29T21:00:00Z'), 'UTC')).toBe('2026-03-29');
  });

  it('refuses an invalid instant', () => {
    expect(() => todayIn(new Date('not a date'), HELSINKI)).toThrow(RangeError);
  });
});

describe('reminderKey', () => {
  const item = { kind: 'checkpoint', itemId: 'm1#c2', recipientId: 'u1' } as const;

  it('is stable and encodes each part, so an id with "#" cannot collide', () => {
    expect(reminderKey(item, 'due', '2026-05-20')).toBe('reminder#checkpoint#m1%23c2#due#2026-05-20#u1');
  });

  it('differs per stage, day, recipient and kind of item', () => {
    const keys = [
      reminderKey(item, 'due', '2026-05-20'),
      reminderKey(item, 'overdue', '2026-05-20'),
      reminderKey(item, 'due', '2026-05-21'),
      reminderKey(item, 'escalation', '2026-05-20', 'coord1'),
      reminderKey(item, 'escalation', '2026-05-20', 'coord2'),
      reminderKey({ ...item, kind: 'notesDeadline' }, 'due', '2026-05-20'),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});

const item = (over: Partial<DueItem> & Pick<DueItem, 'itemId' | 'dueDate' | 'recipientId'>): DueItem => ({
  kind: 'checkpoint',
  coordinatorIds: ['coord1'],
  link: `/measures/m1/report/${over.itemId}`,
  title: `Measure ${over.itemId}`,
  ...over,
});
const person = (id: string, locale: Person['locale'], notify = { reminders: true, escalations: true }): Person => ({
  id,
  locale,
  email: `${id}@example.org`,
  notify,
});

describe('digests', () => {
  // 01:30 in Helsinki on 2026-05-20, still the 19th in UTC.
  const now = new Date('2026-05-19T22:30:00Z');
  const items = [
    item({ itemId: 'i2', kind: 'notesDeadline', dueDate: '2026-05-27', recipientId: 'owner1' }), // due soon
    item({ itemId: 'i1', dueDate: '2026-05-20', recipientId: 'owner1' }), // due
    item({
      itemId: 'i3',
      dueDate: '2026-05-06',
      recipientId: 'owner2',
      coordinatorIds: ['coord1', 'coord2', 'coord1'],
    }), // 14 late
    item({ itemId: 'i4', dueDate: '2026-05-19', recipientId: 'owner3' }), // overdue, owner opted out
    item({ itemId: 'i5', dueDate: '2026-05-13', recipientId: 'owner1' }), // 7 late: nothing today
    item({ itemId: 'i6', dueDate: '2026-05-12', recipientId: 'ghost' }), // overdue, unknown person
  ];
  const people = [
    person('owner1', 'fi'),
    person('owner2', 'sv'),
    person('owner3', 'en', { reminders: false, escalations: true }),
    person('coord1', 'en'),
    person('coord2', 'sv', { reminders: true, escalations: false }),
  ];

  it('gives one digest per person with all their entries, by due date, in the Helsinki day', () => {
    const [i2, i1, i3] = items;
    expect(digests(items, now, defaults, people)).toEqual([
      {
        recipientId: 'coord1',
        locale: 'en',
        email: 'coord1@example.org',
        entries: [{ key: 'reminder#checkpoint#i3#escalation#2026-05-20#coord1', stage: 'escalation', item: i3 }],
      },
      {
        recipientId: 'owner1',
        locale: 'fi',
        email: 'owner1@example.org',
        entries: [
          { key: 'reminder#checkpoint#i1#due#2026-05-20#owner1', stage: 'due', item: i1 },
          { key: 'reminder#notesDeadline#i2#dueSoon#2026-05-20#owner1', stage: 'dueSoon', item: i2 },
        ],
      },
    ]);
  });

  it('sends escalations to coordinators who opted out of reminders but not of escalations', () => {
    const onlyEscalations = [person('coord1', 'en', { reminders: false, escalations: true })];
    expect(digests(items, now, defaults, onlyEscalations).map((d) => d.entries.map((e) => e.stage))).toEqual([
      ['escalation'],
    ]);
  });

  it('gives the next day its own reminders under new keys', () => {
    const nextDay = digests(items, new Date('2026-05-21T09:00:00Z'), defaults, people);
    expect(nextDay.map((d) => [d.recipientId, d.entries.map((e) => e.key)])).toEqual([
      [
        'owner1',
        [
          'reminder#checkpoint#i5#overdue#2026-05-21#owner1', // 8 days late, due 2026-05-13
          'reminder#checkpoint#i1#overdue#2026-05-21#owner1', // 1 day late, due 2026-05-20
        ],
      ],
      ['owner2', ['reminder#checkpoint#i3#overdue#2026-05-21#owner2']], // 15 days late
    ]);
  });
});

describe('digestText', () => {
  const base: Omit<Digest, 'locale' | 'entries'> = { recipientId: 'p', email: 'p@example.org' };
  const due = item({ itemId: 'c1', dueDate: '2026-05-20', recipientId: 'p', title: 'Library evenings' });
  const soon = item({ itemId: 'n1', kind: 'notesDeadline', dueDate: '2026-05-27', recipientId: 'p', title: 'Youth' });
  const late = item({ itemId: 'c3', dueDate: '2026-05-06', recipientId: 'p', title: 'Bus station lights' });

  it('writes English with the stage in words and a link straight to the report form', () => {
    const digest: Digest = {
      ...base,
      locale: 'en',
      entries: [
        { key: 'k1', stage: 'escalation', item: late },
        { key: 'k2', stage: 'due', item: due },
      ],
    };
    const mail = digestText(digest, 'https://sillat.example/');
    expect(mail.subject).toBe('Sillat: reminders (2)');
    expect(mail.text).toBe(
      [
        'Hello,',
        '',
        'These are waiting for you in Sillat:',
        '',
        '- Progress report: Bus station lights — overdue, the owner has not reported (was due on 6 May 2026)',
        '  https://sillat.example/measures/m1/report/c3',
        '- Progress report: Library evenings — due today',
        '  https://sillat.example/measures/m1/report/c1',
        '',
        'You can change your notification settings in Sillat.',
        '',
      ].join('\n'),
    );
    expect(mail.html).toContain('<a href="https://sillat.example/measures/m1/report/c1">Open</a>');
  });

  it('writes Finnish and Swedish with Finnish date style', () => {
    const fi = digestText(
      { ...base, locale: 'fi', entries: [{ key: 'k', stage: 'dueSoon', item: soon }] },
      'https://s',
    );
    expect(fi.subject).toBe('Sillat: muistutukset (1)');
    expect(fi.text).toContain('- Keskustelutilaisuuden muistiinpanot: Youth — erääntyy pian, 27.5.2026\n');
    const sv = digestText(
      { ...base, locale: 'sv', entries: [{ key: 'k', stage: 'overdue', item: late }] },
      'https://s',
    );
    expect(sv.subject).toBe('Sillat: påminnelser (1)');
    expect(sv.text).toContain('- Lägesrapport: Bus station lights — försenad, förföll 6.5.2026\n');
    expect(sv.text).toContain('Hej,');
  });

  it('escapes titles and links in the HTML part', () => {
    const nasty = item({
      itemId: 'x',
      dueDate: '2026-05-20',
      recipientId: 'p',
      title: '<script>alert("x")</script> & co',
      link: '/report?a=1&b="2"',
    });
    const { html, text } = digestText(
      { ...base, locale: 'en', entries: [{ key: 'k', stage: 'due', item: nasty }] },
      'https://s',
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; co');
    expect(html).toContain('href="https://s/report?a=1&#38;b=&#34;2&#34;"');
    expect(text).toContain('<script>alert("x")</script> & co'); // plain text needs no escaping
  });
});
