// The kernel to boot: a bzImage's release string (from its setup header), and the default choice
// when --kernel is not given (the running kernel's image if readable, else the newest in /boot
// with a matching /lib/modules tree).
import { closeSync, existsSync, openSync, readdirSync, readSync } from 'node:fs';
import { release as runningRelease } from 'node:os';
import { join } from 'node:path';
import { HostError } from '../errors.js';

/**
 * The release of an x86 bzImage ("6.1.0-57-amd64"), read as the boot protocol says: the header
 * magic "HdrS" at 0x202 and, from version 2.00, the kernel_version pointer at 0x20e (an offset
 * from 0x200). Throws a HostError for a file that is not one.
 */
export function kernelRelease(file: string): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new HostError(`--kernel ${file}: cannot read it (${(e as NodeJS.ErrnoException).code})`);
  }
  try {
    // The string lives in the real-mode setup code, whose size the pointer's 16 bits bound.
    const head = Buffer.alloc(0x10200);
    const n = readSync(fd, head, 0, head.length, 0);
    if (n < 0x210 || head.toString('latin1', 0x202, 0x206) !== 'HdrS') {
      throw new HostError(`--kernel ${file}: not an x86 Linux kernel image (no "HdrS" boot header); give a bzImage or /boot/vmlinuz-*`);
    }
    const at = head.readUInt16LE(0x20e) + 0x200;
    const version = at < n ? head.toString('latin1', at, Math.min(n, at + 64)) : '';
    return /^(\S+)/.exec(version)?.[1] ?? '';
  } finally {
    closeSync(fd);
  }
}

/** Sorts "6.1.0-57-amd64" after "6.1.0-9-amd64": numbers compare as numbers. */
const byVersion = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

export interface KernelChoice {
  image: string;
  release: string;
  /** the modules tree for it, when one exists */
  modules?: string;
}

export function defaultKernel(boot = '/boot', modulesRoot = '/lib/modules'): KernelChoice {
  const candidates = (() => {
    try {
      return readdirSync(boot).filter((f) => /^vmlinuz-/.test(f)).map((f) => f.slice('vmlinuz-'.length)).sort(byVersion).reverse();
    } catch {
      return [];
    }
  })();
  const usable = (rel: string) => existsSync(join(modulesRoot, rel, 'modules.dep'));
  const running = runningRelease();
  const order = [...candidates.filter((r) => r === running), ...candidates.filter((r) => r !== running)];
  for (const rel of order) {
    if (!usable(rel)) continue;
    const image = join(boot, `vmlinuz-${rel}`);
    try {
      closeSync(openSync(image, 'r'));
    } catch {
      continue; // some distributions make /boot/vmlinuz-* readable by root only
    }
    return { image, release: rel, modules: join(modulesRoot, rel) };
  }
  throw new HostError(
    `no kernel to boot: no readable ${boot}/vmlinuz-* with a matching ${modulesRoot}/<release>; install one (Debian/Ubuntu: apt-get install linux-image-amd64; Fedora: dnf install kernel-core kernel-modules) or pass --kernel`,
  );
}
