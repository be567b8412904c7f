import { describe, expect, it } from 'vitest';
import { parseJavaMajor } from '../../functions/src/local/java';

describe('parseJavaMajor', () => {
  it.each([
    ['java version "1.8.0_392"', 8],
    ['openjdk version "1.8.0_392"\nOpenJDK Runtime Environment (build 1.8.0_392-b08)', 8],
    ['openjdk version "11.0.22" 2024-01-16', 11],
    ['openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6)', 17],
    ['openjdk version "21" 2023-09-19', 21],
  ])('reads %j as Java %i', (output, major) => {
    expect(parseJavaMajor(output)).toBe(major);
  });

  it.each(['', 'bash: java: command not found', 'version 17', 'openjdk version "abc"'])(
    'returns undefined for %j',
    (output) => {
      expect(parseJavaMajor(output)).toBeUndefined();
    },
  );
});
