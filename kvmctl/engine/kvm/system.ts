// System: the /dev/kvm handle (kvm-ioctls' `Kvm`). Opens the device, checks the API version,
// answers capability queries and creates VMs.
import { API_VERSION } from '../abi/exits.js';
import { CAPABILITIES } from '../abi/capabilities.js';
import { IOCTLS } from '../abi/ioctls.js';
import { CPUID2_ENTRIES, kvm_cpuid2, kvm_cpuid_entry2, kvm_msr_list, MSR_LIST_INDICES, type CpuidEntry2 } from '../abi/structs.js';
import * as libc from '../sys/libc.js';
import { Vm } from './vm.js';

import { devicePath } from './device-path.js';

export { devicePath };

export class System {
  private vcpuMmapSizeCache = 0;
  private cpuidCache: CpuidEntry2[] | undefined;

  private constructor(readonly fd: number, readonly path: string) {}

  /** open(2) of /dev/kvm (or `path`), then KVM_GET_API_VERSION: a System, or an error unless the version is 12. */
  static open(path = devicePath()): System {
    const fd = libc.open(path, libc.O_RDWR);
    const sys = new System(fd, path);
    let version: number;
    try {
      version = sys.apiVersion();
    } catch (e) {
      libc.close(fd);
      throw e;
    }
    if (version !== API_VERSION) {
      libc.close(fd);
      throw new Error(`${path}: KVM API version ${version}, kvmctl needs ${API_VERSION}`);
    }
    return sys;
  }

  /** KVM_GET_API_VERSION: 12 on every kernel kvmctl supports. */
  apiVersion(): number {
    return libc.ioctl(this.fd, IOCTLS.KVM_GET_API_VERSION);
  }

  /** KVM_CHECK_EXTENSION by KVM_CAP_* name (or number). 0 means absent. */
  checkExtension(cap: string | number): number {
    const nr = typeof cap === 'number' ? cap : CAPABILITIES[cap];
    if (nr === undefined) throw new Error(`unknown capability ${cap}`);
    return libc.ioctl(this.fd, IOCTLS.KVM_CHECK_EXTENSION, nr);
  }

  /** KVM_GET_VCPU_MMAP_SIZE, cached: the bytes to mmap on a vCPU fd (kvm_run and the pages after it). */
  vcpuMmapSize(): number {
    if (this.vcpuMmapSizeCache === 0) this.vcpuMmapSizeCache = libc.ioctl(this.fd, IOCTLS.KVM_GET_VCPU_MMAP_SIZE);
    return this.vcpuMmapSizeCache;
  }

  /** KVM_GET_SUPPORTED_CPUID, cached: the CPUID a VMM may expose to guests on this host. */
  supportedCpuid(): CpuidEntry2[] {
    this.cpuidCache ??= this.readCpuid(IOCTLS.KVM_GET_SUPPORTED_CPUID, 256);
    return this.cpuidCache;
  }

  /** KVM_GET_SUPPORTED_CPUID or KVM_GET_EMULATED_CPUID (`request`) with room for `capacity` entries (E2BIG if too few). */
  readCpuid(request: number, capacity: number): CpuidEntry2[] {
    const buf = new Uint8Array(CPUID2_ENTRIES + capacity * kvm_cpuid_entry2.size);
    const view = new DataView(buf.buffer);
    kvm_cpuid2.encode({ nent: capacity }, view);
    libc.ioctlBuf(this.fd, request, buf);
    const n = kvm_cpuid2.decode(view).nent;
    return Array.from({ length: n }, (_, i) => kvm_cpuid_entry2.decode(view, CPUID2_ENTRIES + i * kvm_cpuid_entry2.size));
  }

  /** KVM_GET_MSR_INDEX_LIST: the MSRs KVM saves and restores. */
  msrIndexList(): number[] {
    const capacity = 1024;
    const buf = new Uint8Array(MSR_LIST_INDICES + 4 * capacity);
    const view = new DataView(buf.buffer);
    kvm_msr_list.encode({ nmsrs: capacity }, view);
    libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_MSR_INDEX_LIST, buf);
    return Array.from({ length: kvm_msr_list.decode(view).nmsrs }, (_, i) => view.getUint32(MSR_LIST_INDICES + 4 * i, true));
  }

  /** KVM_CREATE_VM: a new VM of machine type `type` (0 is the default x86 VM). */
  createVm(type = 0): Vm {
    return new Vm(this, libc.ioctl(this.fd, IOCTLS.KVM_CREATE_VM, type));
  }

  /** No ioctl: closes the /dev/kvm fd; VMs created from it stay usable. */
  close(): void {
    libc.close(this.fd);
  }
}
