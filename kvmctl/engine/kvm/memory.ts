// Guest memory: an anonymous host mapping with bounds-checked little-endian access by offset.
import * as libc from '../sys/libc.js';

export class GuestMemory {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  private mapping: libc.Mapping | undefined;

  constructor(readonly size: number) {
    if (size <= 0 || size % 4096 !== 0) throw new RangeError(`guest memory size ${size} is not a positive multiple of 4096`);
    this.mapping = libc.mmap(size, libc.PROT_READ | libc.PROT_WRITE, libc.MAP_PRIVATE | libc.MAP_ANONYMOUS | libc.MAP_NORESERVE);
    this.bytes = new Uint8Array(this.mapping.buffer);
    this.view = new DataView(this.mapping.buffer);
  }

  /** Host virtual address of offset 0, for KVM_SET_USER_MEMORY_REGION. */
  get hostAddress(): bigint {
    if (!this.mapping) throw new Error('guest memory is closed');
    return this.mapping.address;
  }

  private check(offset: number, length: number): void {
    if (!this.mapping) throw new Error('guest memory is closed');
    if (!Number.isInteger(offset) || offset < 0 || length < 0 || offset + length > this.size)
      throw new RangeError(`guest memory access [0x${offset.toString(16)}, +${length}) is outside 0..0x${this.size.toString(16)}`);
  }

  readU8(at: number): number { this.check(at, 1); return this.view.getUint8(at); }
  readU16(at: number): number { this.check(at, 2); return this.view.getUint16(at, true); }
  readU32(at: number): number { this.check(at, 4); return this.view.getUint32(at, true); }
  readU64(at: number): bigint { this.check(at, 8); return this.view.getBigUint64(at, true); }
  readBytes(at: number, length: number): Uint8Array { this.check(at, length); return this.bytes.slice(at, at + length); }

  writeU8(at: number, v: number): void { this.check(at, 1); this.view.setUint8(at, v); }
  writeU16(at: number, v: number): void { this.check(at, 2); this.view.setUint16(at, v, true); }
  writeU32(at: number, v: number): void { this.check(at, 4); this.view.setUint32(at, v, true); }
  writeU64(at: number, v: bigint): void { this.check(at, 8); this.view.setBigUint64(at, BigInt.asUintN(64, v), true); }
  writeBytes(at: number, data: Uint8Array): void { this.check(at, data.length); this.bytes.set(data, at); }

  /**
   * Puts fresh zeroed anonymous pages in place of [offset, offset+length) of this memory (mmap MAP_FIXED at
   * the same host address), as a VMM that swaps a page's backing does; the old pages are gone. The bytes and
   * view above see the new pages.
   */
  replacePages(offset: number, length: number): void {
    this.check(offset, length);
    if (offset % 4096 !== 0 || length % 4096 !== 0) throw new RangeError('replacePages takes whole 4 KiB pages');
    libc.mmapFixed(this.mapping!.address + BigInt(offset), length, libc.PROT_READ | libc.PROT_WRITE,
      libc.MAP_PRIVATE | libc.MAP_ANONYMOUS | libc.MAP_NORESERVE);
  }

  close(): void {
    if (this.mapping) libc.munmap(this.mapping);
    this.mapping = undefined;
  }
}
