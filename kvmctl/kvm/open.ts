// Opens /dev/kvm (or KVMCTL_DEVICE) and turns every way that can fail into a HostError whose one
// line says how to fix it.
import { HostError } from '../errors.js';
import { SysError } from '../sys/libc.js';
import { devicePath, System } from './system.js';

export function openSystem(path = devicePath()): System {
  try {
    return System.open(path);
  } catch (e) {
    if (!(e instanceof SysError)) throw new HostError(`${path}: ${(e as Error).message}`);
    switch (e.code) {
      case 'ENOENT':
        throw new HostError(`${path} does not exist: load the KVM module (modprobe kvm_intel or kvm_amd) and enable virtualization in the firmware`);
      case 'EACCES':
      case 'EPERM':
        throw new HostError(`${path}: permission denied: add your user to the kvm group (sudo usermod -aG kvm $USER, then log in again) or add a udev rule giving it mode 0660`);
      case 'ENOTTY':
      case 'EINVAL':
        throw new HostError(`${path} is not a KVM device (${e.call} failed with ${e.code}); unset KVMCTL_DEVICE or point it at /dev/kvm`);
      default:
        throw new HostError(`${path}: ${e.message}`);
    }
  }
}
