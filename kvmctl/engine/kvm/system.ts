// System: the /dev/kvm handle (kvm-ioctls' `Kvm`). Opens the device, checks the API version,
// answers capability queries and creates VMs.
import { API_VERSION } from '../abi/exits.js';
import { CAPABILITIES } from '../abi/capabilities.js';
import { IOCTLS } from '../abi/ioctls.js';
import {
  cpuid2Buffer, cpuid2Entries, kvm_msr_entry, kvm_msr_list, kvm_msrs, MSR_LIST_INDICES, MSRS_ENTRIES, type CpuidEntry2,
  type MsrEntry,
} from '../abi/structs.js';
import * as libc from '../sys/libc.js';
import { Vm } from './vm.js';
import { hasAttr, transferAttr } from './device-attr.js';

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
    const buf = cpuid2Buffer(capacity);
    libc.ioctlBuf(this.fd, request, buf);
    return cpuid2Entries(buf);
  }

  /**
   * KVM_GET_SUPPORTED_HV_CPUID on /dev/kvm (KVM_CAP_SYS_HYPERV_CPUID): the Hyper-V CPUID leaves (0x40000000 and up) KVM
   * can emulate, `capacity` entries offered (E2BIG if too few).
   */
  supportedHvCpuid(capacity = 64): CpuidEntry2[] {
    return this.readCpuid(IOCTLS.KVM_GET_SUPPORTED_HV_CPUID, capacity);
  }

  /** KVM_GET_MSR_INDEX_LIST: the MSRs KVM saves and restores. */
  msrIndexList(): number[] {
    return this.msrList(IOCTLS.KVM_GET_MSR_INDEX_LIST);
  }

  /** KVM_GET_MSR_FEATURE_INDEX_LIST (KVM_CAP_GET_MSR_FEATURES): the feature MSRs that KVM_GET_MSRS on /dev/kvm reads. */
  msrFeatureIndexList(): number[] {
    return this.msrList(IOCTLS.KVM_GET_MSR_FEATURE_INDEX_LIST);
  }

  private msrList(request: number): number[] {
    const capacity = 1024;
    const buf = new Uint8Array(MSR_LIST_INDICES + 4 * capacity);
    const view = new DataView(buf.buffer);
    kvm_msr_list.encode({ nmsrs: capacity }, view);
    libc.ioctlBuf(this.fd, request, buf);
    return Array.from({ length: kvm_msr_list.decode(view).nmsrs }, (_, i) => view.getUint32(MSR_LIST_INDICES + 4 * i, true));
  }

  /** KVM_GET_MSRS on /dev/kvm (KVM_CAP_GET_MSR_FEATURES): the values of feature MSRs that KVM supports. */
  getMsrs(indices: number[]): MsrEntry[] {
    const buf = new Uint8Array(MSRS_ENTRIES + indices.length * kvm_msr_entry.size);
    const view = new DataView(buf.buffer);
    kvm_msrs.encode({ nmsrs: indices.length }, view);
    indices.forEach((index, i) => kvm_msr_entry.encode({ index, data: 0n }, view, MSRS_ENTRIES + i * kvm_msr_entry.size));
    const done = libc.ioctlBuf(this.fd, IOCTLS.KVM_GET_MSRS, buf);
    if (done < indices.length) throw new Error(`KVM_GET_MSRS on ${this.path} refused MSR 0x${indices[done].toString(16)}`);
    return indices.map((_, i) => kvm_msr_entry.decode(view, MSRS_ENTRIES + i * kvm_msr_entry.size));
  }

  /** KVM_X86_GET_MCE_CAP_SUPPORTED (KVM_CAP_MCE): the MCG_CAP bits and bank count KVM_X86_SETUP_MCE accepts. */
  mceCapSupported(): bigint {
    const value = new BigUint64Array(1); // a bare __u64
    libc.ioctlBuf(this.fd, IOCTLS.KVM_X86_GET_MCE_CAP_SUPPORTED, new Uint8Array(value.buffer));
    return value[0];
  }

  /**
   * KVM_HAS_DEVICE_ATTR on /dev/kvm (KVM_CAP_SYS_ATTRIBUTES): returns if KVM has the system attribute, else throws
   * a SysError (ENXIO). Example: `kvm.hasDeviceAttr(0, DEVICE_ATTRS.KVM_X86_XCOMP_GUEST_SUPP)`.
   */
  hasDeviceAttr(group: number, attr: number | bigint): void {
    hasAttr(this.fd, group, attr);
  }

  /**
   * KVM_GET_DEVICE_ATTR on /dev/kvm (KVM_CAP_SYS_ATTRIBUTES): a system attribute's __u64 value, e.g. the XCR0 bits
   * guests may use: `kvm.getDeviceAttr(0, DEVICE_ATTRS.KVM_X86_XCOMP_GUEST_SUPP)`.
   */
  getDeviceAttr(group: number, attr: number | bigint): bigint {
    return transferAttr(this.fd, IOCTLS.KVM_GET_DEVICE_ATTR, group, attr);
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
