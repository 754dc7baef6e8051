// The host key: which KVM module serves /dev/kvm, the kernel release, the CPU vendor, and whether
// that CPU is real hardware or one QEMU emulates (TCG). Known failures are keyed by it, because
// hosts (kvm_pvm, say) differ from upstream KVM, and an emulated CPU has gaps of its own.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { release } from 'node:os';

export interface HostKey {
  module: string;
  kernel: string;
  vendor: string;
  /** `hw` for a CPU that executes the guest (bare metal, or nested under a hardware-assisted
   * hypervisor), `tcg` for one emulated by QEMU's TCG */
  cpu: 'hw' | 'tcg';
}

const VENDOR_MODULES = ['kvm_intel', 'kvm_amd', 'kvm_pvm'];

export function kvmModule(): string {
  for (const m of VENDOR_MODULES) if (existsSync(`/sys/module/${m}`)) return m;
  try {
    const other = readdirSync('/sys/module').find((m) => m.startsWith('kvm_'));
    if (other) return other;
  } catch {
    /* no sysfs */
  }
  return existsSync('/sys/module/kvm') ? 'kvm' : 'unknown';
}

let cpuinfoText: string | undefined;
/** /proc/cpuinfo, read once ('' without procfs). */
function cpuinfo(): string {
  if (cpuinfoText === undefined) {
    try {
      cpuinfoText = readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      cpuinfoText = '';
    }
  }
  return cpuinfoText;
}

export function cpuVendor(): string {
  const m = /^vendor_id\s*:\s*(\S+)/m.exec(cpuinfo());
  if (m?.[1] === 'AuthenticAMD') return 'amd';
  if (m?.[1] === 'GenuineIntel') return 'intel';
  return m?.[1]?.toLowerCase() ?? 'unknown';
}

let flags: Set<string> | undefined;
/** The host CPU's feature flags as /proc/cpuinfo names them (the first CPU's `flags` line). */
export function hostCpuFlags(): Set<string> {
  flags ??= new Set((/^flags\s*:(.*)$/m.exec(cpuinfo())?.[1] ?? '').trim().split(/\s+/).filter(Boolean));
  return flags;
}

/**
 * QEMU's TCG names its CPU models "QEMU TCG CPU ..." (-cpu max) or "QEMU Virtual CPU ..." (qemu64);
 * `kvmctl vm` also says which accelerator it chose, for other -cpu models.
 */
export function cpuKind(): 'hw' | 'tcg' {
  if (process.env.KVMCTL_VM_ACCEL === 'tcg') return 'tcg';
  if (process.env.KVMCTL_VM_ACCEL === 'kvm') return 'hw';
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo())?.[1] ?? '';
  return /^QEMU (TCG|Virtual) CPU/.test(model) ? 'tcg' : 'hw';
}

let cached: HostKey | undefined;
export function hostKey(): HostKey {
  cached ??= { module: kvmModule(), kernel: release(), vendor: cpuVendor(), cpu: cpuKind() };
  return cached;
}

export const formatHostKey = (k: HostKey): string => `${k.module} ${k.kernel} ${k.vendor} ${k.cpu}`;
