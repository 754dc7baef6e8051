// The guest memory map that kvmctl sets up before the first KVM_RUN (documented in the README).
// Real mode uses only the first page; protected and long mode use the system area below 1 MiB.

export type Mode = 'real' | 'protected' | 'long';
export const MODES: readonly Mode[] = ['real', 'protected', 'long'];

export const PAGE = 0x1000;
export const DEFAULT_LOAD = 0x1000;
export const DEFAULT_MEM = 2 * 1024 * 1024;
/** The initial stack pointer in every mode (real mode: SS=0, SP=0x8000). It grows down towards the image. */
export const STACK_TOP = 0x8000;

export const REAL = {
  ivt: 0x0000, // 256 x 4-byte segment:offset vectors
  stubs: 0x0400, // 256 x 8-byte exception stubs
  common: 0x0c00, // the shared report routine
  end: 0x1000,
} as const;

export const SYSTEM_AREA = { start: 0xe0000, end: 0x100000 } as const;
export const SYS = {
  gdt: 0xe0000,
  tss: 0xe0800, // 104-byte TSS; IST1 points at the exception stack
  idt: 0xe1000, // 256 gates (8 bytes in protected mode, 16 in long mode)
  stubs: 0xe2000, // 256 x 16-byte exception stubs
  common: 0xe3000, // the shared report routine
  exceptionStackTop: 0xe4000, // IST1 in long mode: exceptions are reported even with a broken RSP
  pml4: 0xe4000,
  pdpt: 0xe5000,
  pd: 0xe6000, // one page directory (2 MiB pages) per GiB mapped, up to PD_PAGES
} as const;
export const PD_PAGES = 16; // 0xe6000..0xf5fff: long mode identity-maps up to 16 GiB
export const LONG_MAP_MIN = 4n << 30n; // always map at least the low 4 GiB

/** GDT selectors. */
export const SEL = {
  code32: 0x08,
  data: 0x10,
  code64: 0x18,
  tss: 0x20, // 16 bytes: a 64-bit system descriptor spans two slots
  code16: 0x30,
  data16: 0x38,
} as const;
export const GDT_LIMIT = 0x40 - 1;

/** Vectors whose exceptions push an error code. */
export const ERROR_CODE_VECTORS = new Set([8, 10, 11, 12, 13, 14, 17, 21, 29, 30]);

export const EXCEPTION_NAMES: Readonly<Record<number, string>> = {
  0: '#DE', 1: '#DB', 2: 'NMI', 3: '#BP', 4: '#OF', 5: '#BR', 6: '#UD', 7: '#NM', 8: '#DF', 9: 'CSO',
  10: '#TS', 11: '#NP', 12: '#SS', 13: '#GP', 14: '#PF', 16: '#MF', 17: '#AC', 18: '#MC', 19: '#XM',
  20: '#VE', 21: '#CP', 28: '#HV', 29: '#VC', 30: '#SX',
};

export const vectorName = (v: number): string => EXCEPTION_NAMES[v] ?? (v < 32 ? `exception ${v}` : `interrupt 0x${v.toString(16)}`);
