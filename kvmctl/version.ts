// kvmctl's version, from its package.json (yargs' own lookup does not find it from an ES module).
import { readFileSync } from 'node:fs';

export function kvmctlVersion(): string {
  try {
    return JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}
