// QEMU's `-cpu MODEL,+flag,-flag,vendor=X` as CPUID that KVM_SET_CPUID2 can carry. kvmctl has no
// tables of CPU models: every model starts from KVM's supported CPUID (what `-cpu host`/`max` give
// under KVM), then the flags it names are cleared and the vendor string replaced. A flag to set is
// already there when KVM supports it, and stays clear when not, as QEMU drops it with a warning.
import { CPUID_FEATURES } from '../engine/abi/cpuid-features.js';
import type { CpuidEntry2 } from '../engine/abi/structs.js';

export interface CpuModel {
  model: string;
  set: string[];
  clear: string[];
  vendor?: string;
}

/** Properties that change nothing here: KVM's CPUID already has the host's physical-address bits. */
const NEUTRAL = new Set(['host-phys-bits', 'host-phys-bits=on', 'migratable=no', 'migratable=off']);

/** Parses a -cpu value; a string names what kvmctl cannot express. */
export function parseCpuModel(text: string): CpuModel | string {
  const [model, ...props] = text.split(',');
  const m: CpuModel = { model, set: [], clear: [] };
  for (const p of props) {
    const flag = /^([+-])([a-z0-9_.-]+)$/.exec(p);
    if (flag && CPUID_FEATURES[flag[2]]) (flag[1] === '+' ? m.set : m.clear).push(flag[2]);
    else if (/^vendor=[A-Za-z]{12}$/.test(p)) m.vendor = p.slice(7);
    else if (!NEUTRAL.has(p)) return `-cpu ${text}: '${p}' is not a CPUID feature kvmctl knows`;
  }
  return m;
}

/** The CPUID entries for `model`, from KVM's supported ones. */
export function cpuidForModel(supported: CpuidEntry2[], m: CpuModel): CpuidEntry2[] {
  const entries = supported.map((e) => ({ ...e }));
  const find = (leaf: number, index: number) => entries.find((e) => e.function === leaf && e.index === index);
  for (const name of m.clear) {
    const b = CPUID_FEATURES[name];
    const e = find(b.leaf, b.index);
    if (e) e[b.reg] = (e[b.reg] & ~(1 << b.bit)) >>> 0;
  }
  if (m.vendor) {
    const v = Buffer.from(m.vendor, 'latin1');
    const leaf0 = find(0, 0);
    if (leaf0) Object.assign(leaf0, { ebx: v.readUInt32LE(0), edx: v.readUInt32LE(4), ecx: v.readUInt32LE(8) });
  }
  return entries;
}
