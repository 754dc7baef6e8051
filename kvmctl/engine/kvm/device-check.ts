// What to tell a user whose KVM device is unusable, and a quick look at the device without the FFI
// (does it exist, is it a character device, may we open it read-write). `kvmctl run` uses the quick
// look to fail fast; openSystem() still makes the real checks.
import { accessSync, constants, statSync } from 'node:fs';
import { HostError } from '../../errors.js';
import { devicePath } from './device-path.js';

export const deviceProblem = {
  missing: (path: string) => `${path} does not exist: load the KVM module (modprobe kvm_intel or kvm_amd) and enable virtualization in the firmware, or run inside a kernel booted under QEMU with its own KVM: npx kvmctl vm (see the README)`,
  denied: (path: string) => `${path}: permission denied: add your user to the kvm group (sudo usermod -aG kvm $USER, then log in again) or add a udev rule giving it mode 0660`,
  notKvm: (path: string, why: string) => `${path} is not a KVM device (${why}); unset KVMCTL_DEVICE or point it at /dev/kvm`,
};

export function checkDevice(path = devicePath()): void {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new HostError(deviceProblem.missing(path));
  }
  if (!st.isCharacterDevice()) throw new HostError(deviceProblem.notKvm(path, 'not a character device'));
  try {
    accessSync(path, constants.R_OK | constants.W_OK);
  } catch {
    throw new HostError(deviceProblem.denied(path));
  }
}
