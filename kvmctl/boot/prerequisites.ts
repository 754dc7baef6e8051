// The host programs `kvmctl vm` needs, found on PATH or where the distributions put them, with the
// package to install when one is missing.
import { accessSync, closeSync, constants, existsSync, openSync, readSync } from 'node:fs';
import { HostError } from '../errors.js';
import { findExecutable } from '../util/find-executable.js';

const INSTALL = {
  qemu: 'Debian/Ubuntu: apt-get install qemu-system-x86; Fedora: dnf install qemu-system-x86-core',
  busybox: 'Debian/Ubuntu: apt-get install busybox-static; Fedora: dnf install busybox',
};

export function findQemu(given?: string): string {
  if (given) {
    try {
      accessSync(given, constants.X_OK);
      return given;
    } catch {
      throw new HostError(`--qemu ${given}: not an executable file`);
    }
  }
  const found = findExecutable('qemu-system-x86_64', ['/usr/libexec', '/usr/bin']) ?? findExecutable('qemu-kvm', ['/usr/libexec']);
  if (!found) throw new HostError(`qemu-system-x86_64 not found; install QEMU (${INSTALL.qemu}) or pass --qemu`);
  return found;
}

/** A statically linked busybox (it runs in the initramfs, where there is no libc). */
export function findBusybox(): string {
  const candidates = [...new Set([process.env.KVMCTL_BUSYBOX, findExecutable('busybox'), '/bin/busybox', '/usr/bin/busybox', '/usr/sbin/busybox'])]
    .filter((p): p is string => !!p && existsSync(p));
  for (const path of candidates) if (isStaticElf(path)) return path;
  const seen = candidates.length ? ` (dynamically linked: ${candidates.join(', ')})` : '';
  throw new HostError(`no statically linked busybox found${seen}; install one (${INSTALL.busybox}) or set KVMCTL_BUSYBOX`);
}

/** An ELF executable without a PT_INTERP program header, i.e. one that needs no dynamic loader. */
function isStaticElf(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const h = Buffer.alloc(64);
    if (readSync(fd, h, 0, 64, 0) < 64 || h.toString('latin1', 0, 4) !== '\x7fELF' || h[4] !== 2) return false;
    const phoff = Number(h.readBigUInt64LE(0x20));
    const phentsize = h.readUInt16LE(0x36);
    const phnum = h.readUInt16LE(0x38);
    const ph = Buffer.alloc(phentsize * phnum);
    readSync(fd, ph, 0, ph.length, phoff);
    for (let i = 0; i < phnum; i++) if (ph.readUInt32LE(i * phentsize) === 3 /* PT_INTERP */) return false;
    return true;
  } finally {
    closeSync(fd);
  }
}
