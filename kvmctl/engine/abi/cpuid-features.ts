// Named CPUID feature bits, for `requires: cpuid=NAME` (checked against KVM_GET_SUPPORTED_CPUID) and
// for the +NAME/-NAME of a kvm-unit-tests entry's `-cpu`.

export interface CpuidBit {
  leaf: number;
  index: number;
  reg: 'eax' | 'ebx' | 'ecx' | 'edx';
  bit: number;
}

const bit = (leaf: number, index: number, reg: CpuidBit['reg'], b: number): CpuidBit => ({ leaf, index, reg, bit: b });

export const CPUID_FEATURES: Readonly<Record<string, CpuidBit>> = {
  fpu: bit(1, 0, 'edx', 0), de: bit(1, 0, 'edx', 2), pse: bit(1, 0, 'edx', 3), tsc: bit(1, 0, 'edx', 4),
  msr: bit(1, 0, 'edx', 5), pae: bit(1, 0, 'edx', 6), apic: bit(1, 0, 'edx', 9), mtrr: bit(1, 0, 'edx', 12),
  pge: bit(1, 0, 'edx', 13), pat: bit(1, 0, 'edx', 16), fxsr: bit(1, 0, 'edx', 24), sse: bit(1, 0, 'edx', 25),
  sse2: bit(1, 0, 'edx', 26),
  sse3: bit(1, 0, 'ecx', 0), vmx: bit(1, 0, 'ecx', 5), ssse3: bit(1, 0, 'ecx', 9), sse4_1: bit(1, 0, 'ecx', 19),
  pcid: bit(1, 0, 'ecx', 17), sse4_2: bit(1, 0, 'ecx', 20), x2apic: bit(1, 0, 'ecx', 21), 'tsc-deadline': bit(1, 0, 'ecx', 24),
  xsave: bit(1, 0, 'ecx', 26), avx: bit(1, 0, 'ecx', 28), hypervisor: bit(1, 0, 'ecx', 31),
  fsgsbase: bit(7, 0, 'ebx', 0), avx2: bit(7, 0, 'ebx', 5), smep: bit(7, 0, 'ebx', 7), invpcid: bit(7, 0, 'ebx', 10), avx512f: bit(7, 0, 'ebx', 16),
  smap: bit(7, 0, 'ebx', 20), umip: bit(7, 0, 'ecx', 2), pku: bit(7, 0, 'ecx', 3), la57: bit(7, 0, 'ecx', 16),
  svm: bit(0x80000001, 0, 'ecx', 2), nx: bit(0x80000001, 0, 'edx', 20), pdpe1gb: bit(0x80000001, 0, 'edx', 26),
  rdtscp: bit(0x80000001, 0, 'edx', 27), lm: bit(0x80000001, 0, 'edx', 29), invtsc: bit(0x80000007, 0, 'edx', 8),
  // KVM's paravirtual leaf (KVM_CPUID_FEATURES): MSR_KVM_SYSTEM_TIME_NEW / MSR_KVM_WALL_CLOCK_NEW.
  'kvm-clocksource2': bit(0x40000001, 0, 'eax', 3),
};
