// A multiboot (version 1) ELF32 image, as kvm-unit-tests builds its x86 tests: checked and placed
// before anything opens /dev/kvm. Every problem is one InputError naming the file.
import { InputError } from '../errors.js';

/** The header's magic, and what a loader hands over in EAX. */
export const MULTIBOOT_MAGIC = 0x1badb002;
export const MULTIBOOT_BOOT_MAGIC = 0x2badb002;
/** The multiboot header must lie, 4-byte aligned, within the image's first 8 KiB. */
const HEADER_SEARCH = 8192;
/** Header flags a loader must honour or refuse: 0 page-aligned modules, 1 memory info (both given anyway). */
const FLAGS_UNDERSTOOD = 0x3;

export interface Segment {
  paddr: number;
  /** The bytes from the file; the rest of `memsz` is zero (.bss). */
  data: Uint8Array;
  memsz: number;
}

export interface MultibootImage {
  entry: number;
  segments: Segment[];
  /** The first byte past every segment. */
  end: number;
}

const hex = (n: number) => `0x${n.toString(16)}`;

/** Parses and checks `bytes` (the contents of `file`) for a guest with `memSize` bytes of RAM at GPA 0. */
export function parseMultiboot(file: string, bytes: Uint8Array, memSize: number): MultibootImage {
  const bad = (why: string) => new InputError(`${file}: ${why}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 52 || view.getUint32(0, false) !== 0x7f454c46) throw bad('not an ELF file');
  if (bytes[4] !== 1) throw bad(`not a 32-bit ELF file (class ${bytes[4]}); kvm-unit-tests' x86 images are multiboot ELF32 (.flat)`);
  if (bytes[5] !== 1) throw bad('not a little-endian ELF file');
  const u16 = (o: number) => view.getUint16(o, true);
  const u32 = (o: number) => view.getUint32(o, true);
  if (u16(18) !== 3) throw bad(`not an x86 ELF file (e_machine ${u16(18)})`);
  if (u16(16) !== 2) throw bad(`not an executable ELF file (e_type ${u16(16)})`);
  checkHeader(bytes, view, bad);

  const [phoff, phentsize, phnum, entry] = [u32(28), u16(42), u16(44), u32(24)];
  if (phnum === 0 || phentsize < 32 || phoff + phnum * phentsize > bytes.length) throw bad('ELF program headers are missing or truncated');
  const segments: Segment[] = [];
  for (let i = 0; i < phnum; i++) {
    const p = phoff + i * phentsize;
    if (u32(p) !== 1 || u32(p + 20) === 0) continue; // PT_LOAD with memory only
    const [offset, paddr, filesz, memsz] = [u32(p + 4), u32(p + 12), u32(p + 16), u32(p + 20)];
    if (filesz > memsz || offset + filesz > bytes.length) throw bad(`ELF segment ${i} lies outside the file`);
    if (paddr + memsz > memSize)
      throw bad(`segment ${i} at ${hex(paddr)}..${hex(paddr + memsz)} lies outside guest RAM (0..${hex(memSize)}); raise --mem`);
    segments.push({ paddr, memsz, data: bytes.subarray(offset, offset + filesz) });
  }
  if (segments.length === 0) throw bad('no loadable ELF segment');
  if (!segments.some((s) => entry >= s.paddr && entry < s.paddr + s.memsz)) throw bad(`entry point ${hex(entry)} is in no loaded segment`);
  return { entry, segments, end: Math.max(...segments.map((s) => s.paddr + s.memsz)) };
}

function checkHeader(bytes: Uint8Array, view: DataView, bad: (why: string) => InputError): void {
  for (let o = 0; o + 12 <= Math.min(bytes.length, HEADER_SEARCH); o += 4) {
    if (view.getUint32(o, true) !== MULTIBOOT_MAGIC) continue;
    const flags = view.getUint32(o + 4, true);
    if (((MULTIBOOT_MAGIC + flags + view.getUint32(o + 8, true)) >>> 0) !== 0) throw bad(`multiboot header at ${hex(o)} has a bad checksum`);
    const refused = flags & 0xffff & ~FLAGS_UNDERSTOOD;
    if (refused) throw bad(`multiboot header asks for what kvmctl does not provide (flags ${hex(refused)}, such as a video mode)`);
    return;
  }
  throw bad(`not a multiboot image: no multiboot header (magic ${hex(MULTIBOOT_MAGIC)}) in the first 8 KiB`);
}
