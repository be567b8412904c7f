import { suppressDistribution, suppressEach, suppressedMean } from '@sillat/shared/suppression';
import { DEFAULT_INSTRUMENT, QUESTION_KEYS, rewordInstrument } from '@sillat/shared/survey-instrument';
import { counterDelta, sumCounters, surveyResults } from '@sillat/shared/survey-results';
import { describe, expect, it } from 'vitest';

describe('small-number suppression', () => {
  it('hides counts of 1–4 but not zeros, and hides a second count when one alone could be worked out', () => {
    // 7 + 2 + 0 + 6 = 15 shown as total: a lone hidden 2 would be 15 − 13, so the smallest other (6) goes too.
    expect(suppressDistribution([7, 2, 0, 6])).toEqual({ total: 15, counts: [7, null, 0, null] });
  });

  it('needs no second hidden count when two are already hidden', () => {
    expect(suppressDistribution([10, 1, 3, 8])).toEqual({ total: 22, counts: [10, null, null, 8] });
  });

  it('hides everything when fewer than the threshold answered', () => {
    expect(suppressDistribution([2, 0, 2])).toEqual({ total: null, counts: [null, null, null] });
  });

  it('shows everything when every count is 0 or at least the threshold', () => {
    expect(suppressDistribution([5, 0, 9])).toEqual({ total: 14, counts: [5, 0, 9] });
  });

  it('hides a large count too when it is the only partner a small one has', () => {
    // 5 and 1 of 6: the 1 alone would be 6 − 5, so the 5 is hidden with it.
    expect(suppressDistribution([5, 1])).toEqual({ total: 6, counts: [null, null] });
  });

  it('follows a configured threshold', () => {
    expect(suppressDistribution([3, 3, 4], 3)).toEqual({ total: 10, counts: [3, 3, 4] });
    expect(suppressDistribution([3, 3, 4], 4)).toEqual({ total: 10, counts: [null, null, 4] });
  });

  it('treats multi-choice counts one by one', () => {
    expect(suppressEach([0, 4, 5, 12])).toEqual([0, null, 5, 12]);
  });

  it('shows a mean only when none of its counts is hidden', () => {
    expect(suppressedMean([5, 0, 0, 0, 5], [5, 0, 0, 0, 5])).toBe(3);
    expect(suppressedMean([5, 1, 0, 0, 9], [5, null, 0, 0, null])).toBeNull();
    expect(suppressedMean([0, 0, 0, 0, 0], [0, 0, 0, 0, 0])).toBeNull();
  });
});

describe('survey counters', () => {
  it('count a first answer: one respondent, the questions answered and the options chosen', () => {
    expect(
      counterDelta(undefined, { category: 'police', usefulness: 4, measures: ['m1', 'm2'], ownAction: 'x' }),
    ).toEqual({
      n: 1,
      'a:category': 1,
      'c:category:police': 1,
      'a:usefulness': 1,
      'c:usefulness:4': 1,
      'a:measures': 1,
      'c:measures:m1': 1,
      'c:measures:m2': 1,
      'a:ownAction': 1,
    });
  });

  it('move counts when a device replaces its answer, never adding a respondent', () => {
    const delta = counterDelta(
      { usefulness: 2, measures: ['m1'] },
      { usefulness: 5, measures: ['m1', 'm2'], category: 'residents' },
    );
    expect(delta).toEqual({
      'c:usefulness:2': -1,
      'c:usefulness:5': 1,
      'c:measures:m2': 1,
      'a:category': 1,
      'c:category:residents': 1,
    });
    expect(delta.n).toBeUndefined();
  });

  it('change nothing for the same answer again', () => {
    expect(counterDelta({ usefulness: 3 }, { usefulness: 3 })).toEqual({});
  });

  it('add up over shards', () => {
    expect(sumCounters([{ n: 2, 'c:usefulness:4': 1 }, { n: 3 }, {}])).toEqual({ n: 5, 'c:usefulness:4': 1 });
  });
});

describe('survey results', () => {
  const measures = [
    { id: 'm1', title: 'Valaistus' },
    { id: 'm2', title: 'Kerho' },
  ];

  it('give every question in instrument order, hiding small figures', () => {
    const counters = {
      n: 12,
      'a:usefulness': 12,
      'c:usefulness:4': 6,
      'c:usefulness:5': 6,
      'a:category': 12,
      'c:category:officials': 10,
      'c:category:police': 2,
      'a:measures': 9,
      'c:measures:m1': 9,
      'c:measures:m2': 3,
      'a:ownAction': 4,
    };
    const results = surveyResults(counters, measures);
    expect(results.map((r) => r.key)).toEqual([...QUESTION_KEYS]);
    const by = Object.fromEntries(results.map((r) => [r.key, r]));
    expect(by.usefulness).toMatchObject({ answered: 12, mean: 4.5 });
    expect(by.usefulness!.options!.map((o) => o.count)).toEqual([0, 0, 0, 6, 6]);
    // police 2 is hidden, and so is officials (10): 12 − 10 would give it away.
    expect(by.category!.options!.filter((o) => o.count !== 0)).toEqual([
      { option: 'officials', count: null },
      { option: 'police', count: null },
    ]);
    expect(by.measures!.options).toEqual([
      { option: 'm1', count: 9 },
      { option: 'm2', count: null },
    ]);
    expect(by.ownAction).toEqual({ key: 'ownAction', answered: null });
    expect(by.understandingSafety).toMatchObject({ answered: null, mean: null });
  });
});

describe('rewording the instrument', () => {
  it('changes words, never keys, and counts a version only when something changed', () => {
    const same = rewordInstrument(DEFAULT_INSTRUMENT, {
      usefulness: { text: { fi: DEFAULT_INSTRUMENT.questions.usefulness.text.fi } },
    });
    expect(same).toBe(DEFAULT_INSTRUMENT);
    const next = rewordInstrument(DEFAULT_INSTRUMENT, {
      usefulness: { text: { sv: 'Var mötet till nytta?' }, high: { en: 'Extremely useful' } },
    });
    expect(next.version).toBe(2);
    expect(next.questions.usefulness.text).toEqual({
      ...DEFAULT_INSTRUMENT.questions.usefulness.text,
      sv: 'Var mötet till nytta?',
    });
    expect(next.questions.usefulness.high?.en).toBe('Extremely useful');
    expect(Object.keys(next.questions)).toEqual(Object.keys(DEFAULT_INSTRUMENT.questions));
    expect(DEFAULT_INSTRUMENT.questions.usefulness.text.sv).toBe('Hur nyttigt var mötet för dig?');
  });

  it('ignores end labels on questions that are not scales', () => {
    const next = rewordInstrument(DEFAULT_INSTRUMENT, { ownAction: { low: { fi: 'vähän' } } });
    expect(next).toBe(DEFAULT_INSTRUMENT);
    expect(next.questions.ownAction.low).toBeUndefined();
  });
});
