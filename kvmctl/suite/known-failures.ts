// Known failures keyed by host. A file in unittests/known-failures/ has sections:
//   [kvm_pvm]                  module only
//   [kvm_pvm 6.18.* amd]       module, kernel release glob, CPU vendor
//   [kvm_amd 6.1.* amd tcg]    ... and the CPU kind: hw (real) or tcg (QEMU's emulated CPU)
//   test-name: why it fails on such a host
// Lines starting with # are comments.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { HostKey } from '../host.js';
import { globToRegExp } from './select.js';

export type KnownFailures = Map<string, string>;

export function parseKnownFailures(file: string, text: string, host: HostKey): KnownFailures {
  const out: KnownFailures = new Map();
  let applies: boolean | undefined;
  text.split('\n').forEach((raw, i) => {
    // '#' starts a comment only at the start of a line or after a section: reasons may say "#GP".
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const section = /^\[(\S+)(?:\s+(\S+))?(?:\s+(\S+))?(?:\s+(\S+))?\]\s*(?:#.*)?$/.exec(line);
    if (section) {
      const [, module, kernel = '*', vendor = '*', cpu = '*'] = section;
      if (!['*', 'hw', 'tcg'].includes(cpu)) throw new InputError(`${file}:${i + 1}: CPU kind '${cpu}' is not hw, tcg or *`);
      applies = module === host.module && globToRegExp(kernel).test(host.kernel) && (vendor === '*' || vendor === host.vendor) && (cpu === '*' || cpu === host.cpu);
      return;
    }
    const entry = /^([A-Za-z0-9_.+-]+):\s*(.+)$/.exec(line);
    if (!entry) throw new InputError(`${file}:${i + 1}: expected '[module kernel-glob vendor]' or 'test-name: reason'`);
    if (applies === undefined) throw new InputError(`${file}:${i + 1}: entry before any [host] section`);
    if (applies) out.set(entry[1], entry[2]);
  });
  return out;
}

/** `none` turns the list off; a folder reads every file in it; the default is the suite's own folder. */
export function loadKnownFailures(source: string, suiteDir: string, host: HostKey): KnownFailures {
  if (source === 'none') return new Map();
  const files = source === 'default'
    ? (existsSync(join(suiteDir, 'known-failures')) ? readdirSync(join(suiteDir, 'known-failures')).sort().map((f) => join(suiteDir, 'known-failures', f)) : [])
    : [source];
  const all: KnownFailures = new Map();
  for (const f of files) {
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch (e) {
      throw new InputError(`--known-failures: cannot read ${f}: ${(e as NodeJS.ErrnoException).code ?? e}`);
    }
    for (const [k, v] of parseKnownFailures(f, text, host)) all.set(k, v);
  }
  return all;
}
