// A writer for the "newc" cpio format, the one the kernel unpacks as an initramfs
// (Documentation/driver-api/early-userspace/buffer-format.rst). Just enough for kvmctl's own
// initramfs: folders, regular files, symlinks and device nodes, owned by root.

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const S_IFCHR = 0o020000;

export class CpioWriter {
  private readonly chunks: Buffer[] = [];
  private ino = 1;
  private size = 0;

  dir(name: string, mode = 0o755): this {
    return this.entry(name, S_IFDIR | mode, Buffer.alloc(0));
  }

  file(name: string, data: Buffer | string, mode = 0o644): this {
    return this.entry(name, S_IFREG | mode, typeof data === 'string' ? Buffer.from(data) : data);
  }

  symlink(name: string, target: string): this {
    return this.entry(name, S_IFLNK | 0o777, Buffer.from(target));
  }

  charDevice(name: string, major: number, minor: number, mode = 0o600): this {
    return this.entry(name, S_IFCHR | mode, Buffer.alloc(0), major, minor);
  }

  /** The archive, closed by the TRAILER!!! entry. */
  finish(): Buffer {
    this.entry('TRAILER!!!', 0, Buffer.alloc(0));
    return Buffer.concat(this.chunks, this.size);
  }

  private entry(name: string, mode: number, data: Buffer, rdevMajor = 0, rdevMinor = 0): this {
    const nameBytes = Buffer.from(name.replace(/^\/+/, '') + '\0');
    const fields = [this.ino++, mode, 0, 0, mode & S_IFDIR ? 2 : 1, 0, data.length, 0, 0, rdevMajor, rdevMinor, nameBytes.length, 0];
    const header = Buffer.from('070701' + fields.map((f) => f.toString(16).padStart(8, '0')).join(''), 'ascii');
    this.push(header, nameBytes);
    this.pad();
    this.push(data);
    this.pad();
    return this;
  }

  private push(...bufs: Buffer[]): void {
    for (const b of bufs) {
      this.chunks.push(b);
      this.size += b.length;
    }
  }

  /** Every header+name and every file body is padded to a multiple of 4 bytes. */
  private pad(): void {
    const rem = this.size % 4;
    if (rem) this.push(Buffer.alloc(4 - rem));
  }
}
