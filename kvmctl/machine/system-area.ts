// Builds the bytes the host places in guest memory for each CPU mode: the real-mode IVT, or the
// GDT, TSS, IDT and (long mode) identity page tables, plus default exception stubs that report
// the vector to the test device's exception port. Images are built once per mode and copied in.
import { ERROR_CODE_VECTORS, GDT_LIMIT, PAGE, PD_PAGES, REAL, SEL, SYS, SYSTEM_AREA, type Mode } from './layout.js';
import { PORTS } from './test-device.js';

export interface SystemImage {
  /** Guest physical address where `bytes` go. */
  readonly base: number;
  readonly bytes: Uint8Array;
}

const cache = new Map<string, SystemImage>();

/** The system image for `mode`; long mode identity-maps `gib` GiB (4..16). */
export function systemImage(mode: Mode, gib = 4): SystemImage {
  const key = `${mode}:${gib}`;
  let image = cache.get(key);
  if (!image) {
    image = mode === 'real' ? realImage() : flatImage(mode, gib);
    cache.set(key, image);
  }
  return image;
}

/** The tail every stub jumps to: OUT the vector (in eAX) to the exception port, then halt forever. */
const REPORT_ROUTINE = [0xe7, PORTS.exception, 0xf4, 0xeb, 0xfd]; // out %(e)ax,$port; 1: hlt; jmp 1b

function realImage(): SystemImage {
  const bytes = new Uint8Array(REAL.end);
  const v = new DataView(bytes.buffer);
  for (let vec = 0; vec < 256; vec++) {
    const stub = REAL.stubs + 8 * vec;
    v.setUint16(REAL.ivt + 4 * vec, stub, true); // offset
    v.setUint16(REAL.ivt + 4 * vec + 2, 0, true); // segment
    // push %ax; mov $vec,%ax; jmp common
    const rel = REAL.common - (stub + 7);
    bytes.set([0x50, 0xb8, vec, 0x00, 0xe9, rel & 0xff, (rel >> 8) & 0xff, 0x90], stub);
  }
  bytes.set(REPORT_ROUTINE, REAL.common);
  return { base: 0, bytes };
}

function flatImage(mode: Exclude<Mode, 'real'>, gib: number): SystemImage {
  const base = SYSTEM_AREA.start;
  const bytes = new Uint8Array(SYSTEM_AREA.end - base);
  const v = new DataView(bytes.buffer);
  const at = (gpa: number) => gpa - base;

  // GDT: flat 32-bit code/data, 64-bit code, the TSS, and 16-bit code/data for a return to real mode.
  const gdt: Array<[number, bigint]> = [
    [SEL.code32, 0x00cf9b000000ffffn],
    [SEL.data, 0x00cf93000000ffffn],
    [SEL.code64, 0x00af9b000000ffffn],
    [SEL.code16, 0x00009b000000ffffn],
    [SEL.data16, 0x000093000000ffffn],
  ];
  for (const [sel, desc] of gdt) v.setBigUint64(at(SYS.gdt + sel), desc, true);
  // TSS descriptor: limit 0x67, base SYS.tss, type 0xb (busy), present.
  const tssDesc = 0x67n | (BigInt(SYS.tss & 0xffffff) << 16n) | (0x8bn << 40n) | (BigInt(SYS.tss >>> 24) << 56n);
  v.setBigUint64(at(SYS.gdt + SEL.tss), tssDesc, true);

  if (mode === 'long') {
    v.setBigUint64(at(SYS.tss + 4), BigInt(SYS.exceptionStackTop), true); // rsp0
    v.setBigUint64(at(SYS.tss + 0x24), BigInt(SYS.exceptionStackTop), true); // ist1
  } else {
    v.setUint32(at(SYS.tss + 4), SYS.exceptionStackTop, true); // esp0
    v.setUint16(at(SYS.tss + 8), SEL.data, true); // ss0
  }
  v.setUint16(at(SYS.tss + 0x66), 0x68, true); // no I/O bitmap

  // Exception stubs and the IDT gates (interrupt gates, ring 0) that point at them.
  for (let vec = 0; vec < 256; vec++) {
    const stub = SYS.stubs + 16 * vec;
    const code: number[] = ERROR_CODE_VECTORS.has(vec) ? [] : [0x6a, 0x00]; // push $0 as the error code
    code.push(0x50, 0xb8, vec, 0, 0, 0); // push %(r)ax; mov $vec,%eax
    const rel = SYS.common - (stub + code.length + 5);
    code.push(0xe9, rel & 0xff, (rel >> 8) & 0xff, (rel >> 16) & 0xff, (rel >>> 24) & 0xff);
    bytes.set(code, at(stub));
    if (mode === 'long') {
      const gate = at(SYS.idt + 16 * vec);
      v.setUint16(gate, stub & 0xffff, true);
      v.setUint16(gate + 2, SEL.code64, true);
      v.setUint8(gate + 4, 1); // IST1
      v.setUint8(gate + 5, 0x8e);
      v.setUint16(gate + 6, stub >>> 16, true);
    } else {
      const gate = at(SYS.idt + 8 * vec);
      v.setUint16(gate, stub & 0xffff, true);
      v.setUint16(gate + 2, SEL.code32, true);
      v.setUint8(gate + 5, 0x8e);
      v.setUint16(gate + 6, stub >>> 16, true);
    }
  }
  bytes.set(REPORT_ROUTINE, at(SYS.common));

  if (mode === 'long') {
    if (gib < 1 || gib > PD_PAGES) throw new RangeError(`long mode maps 1..${PD_PAGES} GiB, not ${gib}`);
    v.setBigUint64(at(SYS.pml4), BigInt(SYS.pdpt) | 3n, true);
    for (let g = 0; g < gib; g++) {
      const pd = SYS.pd + g * PAGE;
      v.setBigUint64(at(SYS.pdpt + 8 * g), BigInt(pd) | 3n, true);
      for (let i = 0; i < 512; i++) {
        // 2 MiB page: present, writable, PS
        v.setBigUint64(at(pd + 8 * i), (BigInt(g) << 30n) | (BigInt(i) << 21n) | 0x83n, true);
      }
    }
  }
  return { base, bytes };
}

export const IDT_LIMIT = { real: 0x3ff, protected: 256 * 8 - 1, long: 256 * 16 - 1 } as const;
export { GDT_LIMIT };
