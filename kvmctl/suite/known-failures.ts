// Known failures keyed by host, each with the signature of its failure. A file in
// unittests/known-failures/ has sections and entries:
//   [kvm_pvm 6.18.* amd hw]      KVM module, kernel release (a glob, or a range 6.1..6.6), CPU vendor,
//                                CPU kind: hw (real) or tcg (QEMU's emulated CPU); * for any
//   test-name: what the host does instead of what the KVM API document says
//     fails: final internal_error suberror=1     one line per failing check (see signature.ts);
//     fails: expect: mem 0x3000 00000000000000c00040   exactly these, no more and no fewer
// Lines starting with # are comments.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { HostKey } from '../host.js';
import { globToRegExp } from './select.js';
import { normalizeToken } from './signature.js';

export interface KnownFailure {
  name: string;
  reason: string;
  /** The checks that fail, as failureSignature() names them. */
  fails: string[];
  /** `file:line` of the entry. */
  where: string;
}

export interface KnownFailures {
  /** The entries whose section applies to this host, by test name. */
  forHost: Map<string, KnownFailure>;
  /** Every entry of every section, to find those that name no test. */
  all: KnownFailure[];
  /** The suite folder whose tests the entries name: a run of all of it checks that each names one. */
  suiteRoot?: string;
}

export const noKnownFailures = (): KnownFailures => ({ forHost: new Map(), all: [] });

const version = (s: string): number[] | undefined => /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(s)?.slice(1).filter((x) => x !== undefined).map(Number);

/** -1, 0, 1 comparing a release with a bound on the bound's own precision (6.18 covers 6.18.44). */
function compareTo(release: number[], bound: number[]): number {
  for (let i = 0; i < bound.length; i++) if ((release[i] ?? 0) !== bound[i]) return (release[i] ?? 0) < bound[i] ? -1 : 1;
  return 0;
}

/** A glob (`6.1.*`) or an inclusive range of versions (`6.1..6.6`). */
export function kernelMatcher(pattern: string, where: string): (release: string) => boolean {
  if (!pattern.includes('..')) {
    const glob = globToRegExp(pattern);
    return (r) => glob.test(r);
  }
  const [from, to, more] = pattern.split('..');
  const bound = (s: string | undefined) => (s !== undefined && /^\d+\.\d+(\.\d+)?$/.test(s) ? version(s) : undefined);
  const lo = bound(from), hi = more === undefined ? bound(to) : undefined;
  if (!lo || !hi) throw new InputError(`${where}: kernel range '${pattern}' is not VERSION..VERSION (6.1..6.6)`);
  return (r) => {
    const v = version(r);
    return v !== undefined && compareTo(v, lo) >= 0 && compareTo(v, hi) <= 0;
  };
}

/** Adds `file`'s entries to `out` (a new list by default); one test twice for this host is an error. */
export function parseKnownFailures(file: string, text: string, host: HostKey, out = noKnownFailures()): KnownFailures {
  let applies: boolean | undefined;
  let last: KnownFailure | undefined;
  const close = () => {
    if (last && last.fails.length === 0) throw new InputError(`${last.where}: '${last.name}' has no 'fails:' line (the checks that fail; see the README's Known failures)`);
  };
  text.split('\n').forEach((raw, i) => {
    const where = `${file}:${i + 1}`;
    // '#' starts a comment only at the start of a line or after a section: reasons may say "#GP".
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const fails = /^fails:\s*(.+)$/.exec(line);
    if (fails) {
      if (!last) throw new InputError(`${where}: 'fails:' before any 'test-name: reason' entry`);
      last.fails.push(normalizeToken(fails[1]));
      return;
    }
    close();
    last = undefined;
    const section = /^\[(\S+)(?:\s+(\S+))?(?:\s+(\S+))?(?:\s+(\S+))?\]\s*(?:#.*)?$/.exec(line);
    if (section) {
      const [, module, kernel = '*', vendor = '*', cpu = '*'] = section;
      if (!['*', 'hw', 'tcg'].includes(cpu)) throw new InputError(`${where}: CPU kind '${cpu}' is not hw, tcg or *`);
      applies = module === host.module && kernelMatcher(kernel, where)(host.kernel) && (vendor === '*' || vendor === host.vendor) && (cpu === '*' || cpu === host.cpu);
      return;
    }
    const entry = /^([A-Za-z0-9_.+-]+):\s*(.+)$/.exec(line);
    if (!entry) throw new InputError(`${where}: expected '[module kernel vendor cpu]', 'test-name: reason' or 'fails: check'`);
    if (applies === undefined) throw new InputError(`${where}: entry before any [host] section`);
    last = { name: entry[1], reason: entry[2], fails: [], where };
    out.all.push(last);
    if (applies) {
      const twice = out.forHost.get(last.name);
      if (twice) throw new InputError(`${where}: '${last.name}' is listed twice for this host (also ${twice.where})`);
      out.forHost.set(last.name, last);
    }
  });
  close();
  return out;
}

/**
 * A suite's known-failures/ folder: its own, else the nearest one above it, so that a subfolder
 * (unittests/kvm-unit-tests, say) run as a suite of its own keeps the entries of its tests.
 */
export function knownFailuresFolder(suiteDir: string): string | undefined {
  for (let dir = resolve(suiteDir); ; dir = dirname(dir)) {
    const folder = join(dir, 'known-failures');
    if (existsSync(folder) && statSync(folder).isDirectory()) return folder;
    if (dirname(dir) === dir) return undefined;
  }
}

/** `none` turns the list off; a file is read alone; the default is every file of knownFailuresFolder(). */
export function loadKnownFailures(source: string, suiteDir: string, host: HostKey): KnownFailures {
  if (source === 'none') return noKnownFailures();
  const folder = source === 'default' ? knownFailuresFolder(suiteDir) : undefined;
  const files = source === 'default'
    ? (folder ? readdirSync(folder).filter((f) => f.endsWith('.txt')).sort().map((f) => join(folder, f)) : [])
    : [source];
  const all: KnownFailures = { ...noKnownFailures(), suiteRoot: folder ? dirname(folder) : resolve(suiteDir) };
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (e) {
      throw new InputError(`--known-failures: cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? e}`);
    }
    parseKnownFailures(f, text, host, all);
  }
  return all;
}
