// --accel auto: KVM when /dev/kvm is usable and offers nested virtualization (SVM or VMX in the
// CPUID KVM supports), else TCG with an emulated CPU that has SVM.
import { HostError } from '../errors.js';

export type Accel = 'kvm' | 'tcg';

export interface AccelChoice {
  accel: Accel;
  reason: string;
}

const CPUID_SVM = { leaf: 0x80000001, reg: 'ecx', bit: 2 } as const;
const CPUID_VMX = { leaf: 0x1, reg: 'ecx', bit: 5 } as const;

async function nestedOnKvm(): Promise<{ ok: boolean; why: string }> {
  const { checkDevice } = await import('../engine/kvm/device-check.js');
  try {
    checkDevice();
  } catch (e) {
    return { ok: false, why: (e as Error).message.replace(/:.*$/, '') };
  }
  const { openSystem } = await import('../engine/kvm/open.js');
  let system;
  try {
    system = openSystem();
  } catch (e) {
    return { ok: false, why: (e as Error).message };
  }
  try {
    const cpuid = system.supportedCpuid();
    const has = (f: { leaf: number; reg: 'ecx'; bit: number }) => cpuid.some((e) => e.function === f.leaf && e.index === 0 && (e[f.reg] >>> f.bit) & 1);
    if (has(CPUID_SVM)) return { ok: true, why: 'KVM offers SVM to its guests' };
    if (has(CPUID_VMX)) return { ok: true, why: 'KVM offers VMX to its guests' };
    return { ok: false, why: 'KVM offers neither SVM nor VMX to its guests (no nested virtualization)' };
  } finally {
    system.close();
  }
}

export async function chooseAccel(wanted: 'auto' | Accel): Promise<AccelChoice> {
  if (wanted === 'tcg') return { accel: 'tcg', reason: '--accel tcg' };
  const nested = await nestedOnKvm();
  if (wanted === 'kvm') {
    if (!nested.ok) throw new HostError(`--accel kvm: ${nested.why}`);
    return { accel: 'kvm', reason: `--accel kvm; ${nested.why}` };
  }
  return nested.ok ? { accel: 'kvm', reason: nested.why } : { accel: 'tcg', reason: nested.why };
}
