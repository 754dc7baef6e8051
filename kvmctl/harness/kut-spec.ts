// kvm-unit-tests entries (unittests.cfg sections) as tests of `kvmctl run`: a Spec each, so that
// selection, the pool, known failures and reports treat them as any unittest; what a host needs to
// run one, and the check of its image without KVM (nothing here loads the FFI).
import { existsSync, readFileSync } from 'node:fs';
import type { KutEntry } from '../kut/cfg.js';
import { loadKutImage } from '../kut/load-image.js';
import type { Spec } from './spec.js';

/** Test names of kvm-unit-tests entries: the section's, after this prefix (known-failures and globs use it). */
export const KUT_PREFIX = 'kut-';

export function kutSpec(e: KutEntry): Spec {
  const cpu = e.cpu && !['max', 'host'].includes(e.cpu.model) ? `; -cpu ${e.cpu.model} as KVM's supported CPUID` : '';
  return {
    name: KUT_PREFIX + e.section, file: e.cfg,
    feature: `kvm-unit-tests ${e.image.split('/').pop()} [${e.section}]${e.append ? ` ${e.append}` : ''}${cpu}`,
    groups: ['kvm-unit-tests', ...e.groups], timeoutMs: e.timeoutMs, requires: [], mode: 'protected',
    memSize: e.memSize, load: 0, vcpus: e.vcpus, slots: [], regs: {}, sregs: [], cpuid: [], msrs: [], enableCaps: [],
    irqchip: true, actions: [], expect: { exits: [], exact: false, regs: [], sregs: [], mem: [] }, lines: {}, kut: e,
  };
}

/** Why this host does not run the entry (kvm-unit-tests' runner skips these too), or undefined. */
export function kutUnmet(e: KutEntry): string | undefined {
  if (e.unsupported) return e.unsupported;
  if (e.nodefault) return 'in group nodefault: runs only when a group is selected (-g), as in kvm-unit-tests';
  if (!existsSync(e.image)) return `test file '${e.image}' not found`;
  for (const [path, want] of e.checks) {
    let got: string | undefined;
    try {
      got = readFileSync(path, 'utf8').trim();
    } catch { /* missing: not equal */ }
    if (got !== want) return `${path} not equal to ${want}`;
  }
  return undefined;
}

/** The InputError a run would meet: the image checked as the loader checks it. */
export function checkKutInput(spec: Spec): void {
  const e = spec.kut!;
  if (kutUnmet(e) === undefined) loadKutImage(e.image, e.memSize, e.vcpus, e.append, []);
}
