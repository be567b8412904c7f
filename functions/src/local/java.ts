import { spawnSync } from 'node:child_process';

/** DynamoDB Local is a Java program; this is the oldest Java it runs on. */
export const MIN_JAVA = 17;

/**
 * Returns undefined when a suitable Java is on PATH, otherwise the one line to
 * print. `java -version` writes to stderr, e.g. `openjdk version "17.0.15" …`.
 */
export function javaProblem(): string | undefined {
  const res = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (res.error || res.status !== 0) {
    return `Java ${MIN_JAVA}+ is needed for the local database (DynamoDB Local) but "java" was not found. Install it (Debian/Ubuntu: apt-get install -y openjdk-${MIN_JAVA}-jre-headless) and try again.`;
  }
  const major = parseJavaMajor(`${res.stderr}${res.stdout}`);
  if (major === undefined || major < MIN_JAVA) {
    return `Java ${MIN_JAVA}+ is needed for the local database (DynamoDB Local); found ${major ?? 'an unknown version'}. Install a newer Java and try again.`;
  }
  return undefined;
}

/** "1.8.0_392" → 8, "17.0.15" → 17, "21" → 21. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}
