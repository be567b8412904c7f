import { unresolvedFlags } from '@sillat/shared/notes-check';
import { describe, expect, it } from 'vitest';

describe('unresolved personal-data flags in notes', () => {
  const sections = { safety: 'Soita numeroon 040 123 4567.', other: 'Aino kertoi tarinan.' };

  it('lists every flag of every section with its section', () => {
    expect(unresolvedFlags(sections, [], ['Aino']).map((f) => [f.section, f.kind, f.text])).toEqual([
      ['safety', 'phone', '040 123 4567'],
      ['other', 'name', 'Aino'],
    ]);
  });

  it('drops flags confirmed for the same section, kind and text — not for another section', () => {
    const confirmations = [
      { section: 'other', kind: 'name', text: 'Aino' },
      { section: 'other', kind: 'phone', text: '040 123 4567' },
    ];
    expect(unresolvedFlags(sections, confirmations, ['Aino']).map((f) => f.section)).toEqual(['safety']);
  });

  it('finds nothing once redacted', () => {
    expect(unresolvedFlags({ safety: 'Soita numeroon […].' }, [])).toEqual([]);
  });
});
