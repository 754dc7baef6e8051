// KVM_HAS/GET/SET_DEVICE_ATTR with a __u64 value, as /dev/kvm (System) and a vCPU (Vcpu) take them.
import { kvm_device_attr } from '../abi/devices.js';
import { IOCTLS } from '../abi/ioctls.js';
import * as libc from '../sys/libc.js';

/** KVM_HAS_DEVICE_ATTR on `fd`: returns if the attribute exists, throws a SysError (ENXIO) if not. */
export function hasAttr(fd: number, group: number, attr: number | bigint): void {
  libc.ioctlBuf(fd, IOCTLS.KVM_HAS_DEVICE_ATTR, kvm_device_attr.buffer({ group, attr: BigInt(attr) }));
}

/** KVM_GET_DEVICE_ATTR or KVM_SET_DEVICE_ATTR (`request`) on `fd`, the value passed through a __u64 the struct points at. */
export function transferAttr(fd: number, request: number, group: number, attr: number | bigint, value = 0n): bigint {
  // The kernel reads or writes through a pointer inside the struct, so the value lives in a mapping of its own.
  const mapping = libc.mmap(4096, libc.PROT_READ | libc.PROT_WRITE, libc.MAP_PRIVATE | libc.MAP_ANONYMOUS);
  try {
    const cell = new BigUint64Array(mapping.buffer, 0, 1);
    cell[0] = value;
    libc.ioctlBuf(fd, request, kvm_device_attr.buffer({ group, attr: BigInt(attr), addr: mapping.address }));
    return cell[0];
  } finally {
    libc.munmap(mapping);
  }
}
