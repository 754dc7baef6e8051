// System: the /dev/kvm handle (kvm-ioctls' `Kvm`). Opens the device, checks the API version,
// answers capability queries and creates VMs.
import { API_VERSION } from '../abi/exits.js';
import { CAPABILITIES } from '../abi/capabilities.js';
import { IOCTLS } from '../abi/ioctls.js';
import * as libc from '../sys/libc.js';
import { Vm } from './vm.js';

/** The device path: KVMCTL_DEVICE overrides /dev/kvm for every command. */
export const devicePath = (): string => process.env.KVMCTL_DEVICE || '/dev/kvm';

export class System {
  private vcpuMmapSizeCache = 0;

  private constructor(readonly fd: number, readonly path: string) {}

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

  apiVersion(): number {
    return libc.ioctl(this.fd, IOCTLS.KVM_GET_API_VERSION);
  }

  /** KVM_CHECK_EXTENSION by KVM_CAP_* name (or number). 0 means absent. */
  checkExtension(cap: string | number): number {
    const nr = typeof cap === 'number' ? cap : CAPABILITIES[cap];
    if (nr === undefined) throw new Error(`unknown capability ${cap}`);
    return libc.ioctl(this.fd, IOCTLS.KVM_CHECK_EXTENSION, nr);
  }

  vcpuMmapSize(): number {
    if (this.vcpuMmapSizeCache === 0) this.vcpuMmapSizeCache = libc.ioctl(this.fd, IOCTLS.KVM_GET_VCPU_MMAP_SIZE);
    return this.vcpuMmapSizeCache;
  }

  createVm(type = 0): Vm {
    return new Vm(this, libc.ioctl(this.fd, IOCTLS.KVM_CREATE_VM, type));
  }

  close(): void {
    libc.close(this.fd);
  }
}
