// Opens /dev/kvm (or KVMCTL_DEVICE) and turns every way that can fail into a HostError whose one
// line says how to fix it.
import { HostError } from '../../errors.js';
import { SysError } from '../sys/libc.js';
import { deviceProblem } from './device-check.js';
import { devicePath } from './device-path.js';
import { System } from './system.js';

export function openSystem(path = devicePath()): System {
  try {
    return System.open(path);
  } catch (e) {
    if (!(e instanceof SysError)) throw new HostError(`${path}: ${(e as Error).message}`);
    switch (e.code) {
      case 'ENOENT':
        throw new HostError(deviceProblem.missing(path));
      case 'EACCES':
      case 'EPERM':
        throw new HostError(deviceProblem.denied(path));
      case 'ENOTTY':
      case 'EINVAL':
        throw new HostError(deviceProblem.notKvm(path, `${e.call} failed with ${e.code}`));
      default:
        throw new HostError(`${path}: ${e.message}`);
    }
  }
}
