// What every answer of KVM_GET_SUPPORTED_HV_CPUID (on /dev/kvm or a vCPU) holds, per the Hyper-V TLFS and KVM's
// hyperv.c: the vendor leaf, the "Hv#1" interface signature, and the MSRs the Hyper-V tests rely on.
import type { CpuidEntry2 } from '../../kvmctl/engine/abi/structs.js';

export const HV_CPUID_FEATURES = 0x40000003;
/** CPUID 0x40000003 EAX bits (TLFS "partition privilege flags"). */
export const HV_MSR_HYPERCALL_AVAILABLE = 1 << 5;
export const HV_MSR_VP_INDEX_AVAILABLE = 1 << 6;
/** CPUID 0x40000003 EDX bit 19: direct-mode synthetic timers, which KVM offers only with an in-kernel LAPIC. */
export const HV_STIMER_DIRECT_MODE_AVAILABLE = 1 << 19;

const ascii = (...words: number[]): string => Buffer.from(Uint32Array.from(words).buffer).toString('latin1');
const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

/** Checks the leaves `where` (/dev/kvm, vCPU 0) returned; each mismatch is one fail(). */
export function checkHvLeaves(where: string, entries: CpuidEntry2[], fail: (m: string) => void): void {
  const leaf = (fn: number): CpuidEntry2 | undefined => entries.find((e) => e.function === fn);
  const vendor = leaf(0x40000000);
  if (!vendor) return fail(`${where}: KVM_GET_SUPPORTED_HV_CPUID has no leaf 0x40000000`);
  const name = ascii(vendor.ebx, vendor.ecx, vendor.edx);
  if (name !== 'Linux KVM Hv') fail(`${where}: leaf 0x40000000 vendor is ${JSON.stringify(name)}, expected "Linux KVM Hv"`);
  if (vendor.eax < HV_CPUID_FEATURES) fail(`${where}: leaf 0x40000000 EAX (highest leaf) is ${hex(vendor.eax)}, below 0x40000003`);
  const beyond = entries.filter((e) => e.function < 0x40000080 && e.function > vendor.eax);
  if (beyond.length) fail(`${where}: leaf ${hex(beyond[0].function)} is beyond the highest leaf ${hex(vendor.eax)}`);
  const iface = leaf(0x40000001);
  if (iface?.eax !== 0x31237648) fail(`${where}: leaf 0x40000001 EAX is ${iface ? hex(iface.eax) : 'missing'}, expected 0x31237648 ("Hv#1")`);
  const features = leaf(HV_CPUID_FEATURES);
  const want = HV_MSR_HYPERCALL_AVAILABLE | HV_MSR_VP_INDEX_AVAILABLE;
  if (!features || (features.eax & want) !== want) {
    fail(`${where}: leaf 0x40000003 EAX is ${features ? hex(features.eax) : 'missing'}, without the hypercall and VP index MSRs (0x60)`);
  }
}
