import { describe, expect, it } from 'vitest';
import { linkParts } from '../../web/src/routes/(app)/outbox/linkify';

describe("the outbox page's links in a plain-text mail", () => {
  it('splits text and http(s) addresses, keeping every character in order', () => {
    const text = 'Hei,\n\n- Raportti — erääntyy tänään\n  http://localhost:3000/measures/r1/m1#report\n\nKiitos.';
    const parts = linkParts(text);
    expect(parts).toEqual([
      { text: 'Hei,\n\n- Raportti — erääntyy tänään\n  ' },
      { text: 'http://localhost:3000/measures/r1/m1#report', href: 'http://localhost:3000/measures/r1/m1#report' },
      { text: '\n\nKiitos.' },
    ]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });

  it('leaves sentence punctuation after an address outside the link', () => {
    expect(linkParts('See https://sillat.example.fi/a, then (https://x.fi/b).')).toEqual([
      { text: 'See ' },
      { text: 'https://sillat.example.fi/a', href: 'https://sillat.example.fi/a' },
      { text: ', then (' },
      { text: 'https://x.fi/b', href: 'https://x.fi/b' },
      { text: ').' },
    ]);
  });

  it('makes nothing but http and https into links, and markup stays text', () => {
    const text = 'javascript:alert(1) <a href="https://evil.example">x</a> mailto:a@b.fi';
    const links = linkParts(text).filter((p) => p.href);
    expect(links).toEqual([{ text: 'https://evil.example', href: 'https://evil.example' }]);
    expect(
      linkParts(text)
        .map((p) => p.text)
        .join(''),
    ).toBe(text);
    expect(linkParts('')).toEqual([]);
  });
});
