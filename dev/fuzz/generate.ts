// Fuzzed guests. Half are random bytes; half are random sequences of valid instructions, encoded
// here directly (no assembler): port and MMIO accesses, control-register and MSR writes, `int n`,
// `hlt`, jumps (near, conditional, far), memory and stack operations. Every guest is a pure function
// of (seed, index), so `--seed S --index I` rebuilds it.
import { DEFAULT_LOAD, MODES, SEL, SYSTEM_AREA, type Mode } from '../../kvmctl/machine/layout.js';
import { PORTS } from '../../kvmctl/machine/test-device.js';
import { Rng } from './prng.js';

export type GuestKind = 'bytes' | 'insns';

export interface FuzzGuest {
  seed: number;
  index: number;
  mode: Mode;
  kind: GuestKind;
  memSize: number;
  load: number;
  image: Uint8Array;
  /** What the instruction generator emitted, in order (empty for random bytes). */
  ops: string[];
}

const K = 1024, M = 1024 * 1024;

/** Guest `index` of run `seed`. Without `mode`, modes rotate by index; the kind alternates within each mode. */
export function fuzzGuest(seed: number, index: number, mode?: Mode): FuzzGuest {
  const rng = new Rng(seed, index);
  const m = mode ?? MODES[index % MODES.length];
  const kind: GuestKind = Math.floor(mode ? index : index / MODES.length) % 2 === 0 ? 'bytes' : 'insns';
  // Real mode can run in 64 KiB, where most of its 1 MiB address space is MMIO; the others need 1 MiB.
  const memSize = m === 'real' ? rng.pick([64 * K, 1 * M, 2 * M]) : rng.pick([1 * M, 2 * M]);
  const load = DEFAULT_LOAD;
  if (kind === 'bytes') {
    const length = rng.weighted([[4, () => rng.range(1, 16)], [4, () => rng.range(17, 64)], [2, () => rng.range(65, 512)]] as const)();
    return { seed, index, mode: m, kind, memSize, load, image: rng.bytes(length), ops: [] };
  }
  const asm = new Emitter(m, load, memSize, rng);
  const count = rng.range(1, 20);
  for (let i = 0; i < count; i++) asm.op();
  // Most sequences end in HLT; the rest run on into whatever follows (zeros, or their own code).
  if (rng.chance(0.7)) asm.emit('hlt', 0xf4);
  return { seed, index, mode: m, kind, memSize, load, image: Uint8Array.from(asm.bytes), ops: asm.ops };
}

const hex = (n: number | bigint) => `0x${n.toString(16)}`;
const le = (v: number | bigint, n: number): number[] => {
  const b = BigInt.asUintN(8 * n, BigInt(v));
  return Array.from({ length: n }, (_, i) => Number((b >> BigInt(8 * i)) & 0xffn));
};

/** Registers by their encoding number. */
const EAX = 0, ECX = 1, EDX = 2, EBX = 3, ESP = 4, ESI = 6, EDI = 7;

class Emitter {
  readonly bytes: number[] = [];
  readonly ops: string[] = [];

  constructor(readonly mode: Mode, readonly load: number, readonly memSize: number, readonly rng: Rng) {}

  get here(): number {
    return this.load + this.bytes.length;
  }

  emit(what: string, ...b: number[]): void {
    this.ops.push(what);
    this.bytes.push(...b.map((x) => x & 0xff));
  }

  raw(...b: number[]): void {
    this.bytes.push(...b.map((x) => x & 0xff));
  }

  /** Operand-size prefix for a 32-bit operation (real mode defaults to 16 bits). */
  private get o32(): number[] { return this.mode === 'real' ? [0x66] : []; }
  /** Operand-size prefix for a 16-bit operation. */
  private get o16(): number[] { return this.mode === 'real' ? [] : [0x66]; }

  /** mov $v, %reg (32 bits; zero-extends in long mode). */
  movImm(reg: number, v: number | bigint): void {
    if (this.mode === 'long' && BigInt(v) > 0xffffffffn) this.raw(0x48, 0xb8 + reg, ...le(v, 8));
    else this.raw(...this.o32, 0xb8 + reg, ...le(v, 4));
  }

  /** mov $v, %reg16 */
  movImm16(reg: number, v: number): void {
    this.raw(...this.o16, 0xb8 + reg, ...le(v, 2));
  }

  /**
   * Points the memory operand at linear address `a`: %ds:%bx in real mode (clobbers %ax and %ds),
   * %ebx in protected mode, %rbx in long mode. Returns the ModRM r/m bits for that operand.
   */
  address(a: bigint): number {
    if (this.mode === 'real') {
      const lin = Number(a);
      const seg = Math.min(0xffff, lin >> 4);
      this.raw(0xb8, ...le(seg, 2), 0x8e, 0xd8, 0xbb, ...le(lin - seg * 16, 2));
      return 0x07;
    }
    if (this.mode === 'long') this.raw(0x48, 0xbb, ...le(a, 8));
    else this.raw(0xbb, ...le(a, 4));
    return 0x03;
  }

  /** An interesting guest-physical (= linear) address: RAM, the image, the system area, beyond RAM, far MMIO, unmapped. */
  target(): { a: bigint; where: string } {
    const r = this.rng;
    const real = this.mode === 'real';
    const reach = real ? 0x10ffe0 : this.mode === 'protected' ? 0xfffffff0 : Number.MAX_SAFE_INTEGER;
    const choice = r.weighted([
      [5, 'ram'], [3, 'image'], [2, 'system'], [2, 'stack'], [5, 'beyond'], [3, 'mmio'], [this.mode === 'long' ? 2 : 0, 'high'],
    ] as const);
    switch (choice) {
      case 'image': return { a: BigInt(this.load + r.below(256)), where: 'image' };
      case 'system': return { a: BigInt(real ? r.below(0x1000) : r.range(SYSTEM_AREA.start, SYSTEM_AREA.end - 8)), where: 'system-area' };
      case 'stack': return { a: BigInt(0x8000 - r.below(0x100)), where: 'stack' };
      case 'beyond':
        if (this.memSize + 0x1000 <= reach) return { a: BigInt(this.memSize + r.below(0x1000)), where: 'mmio-beyond-ram' };
        break;
      case 'mmio':
        if (!real) return { a: BigInt(r.pick([0xfee00000, 0xfec00000, 0xd0000000, 0xfffff000, 0x80000000]) + r.below(0x100)), where: 'mmio-far' };
        break;
      case 'high':
        return { a: r.pick([0x100000000n + BigInt(r.below(0x10000)), 0x8000_0000_0000_0000n, 0xffff_ffff_ffff_f000n, r.u64()]), where: 'high' };
    }
    return { a: BigInt(r.below(Math.min(this.memSize, reach) - 8)), where: 'ram' };
  }

  op(): void {
    const r = this.rng;
    r.weighted([
      [12, () => this.port()],
      [4, () => this.stringPort()],
      [12, () => this.memory()],
      [3, () => this.repString()],
      [6, () => this.controlRegister()],
      [3, () => this.msr()],
      [6, () => this.interrupt()],
      [3, () => this.halt()],
      [7, () => this.jump()],
      [3, () => this.farJump()],
      [6, () => this.stack()],
      [3, () => this.segment()],
      [2, () => this.descriptorTable()],
      [5, () => this.misc()],
      [3, () => this.hostSensitive()],
    ] as const)();
  }

  private portNumber(): number {
    const r = this.rng;
    const port = r.weighted([
      [3, PORTS.console], [2, PORTS.checkpoint], [1, PORTS.status], [1, PORTS.exception], [3, 0x80],
      [1, 0x3f8], [1, 0x60], [1, 0x64], [1, 0x70], [1, 0x71], [1, 0xcf8], [1, 0xcfc], [1, 0x21], [1, 0x43],
      [4, -1],
    ] as const);
    return port === -1 ? r.below(0x10000) : port;
  }

  /** Loads a small count into the register a rep prefix or loop uses (%cx in real mode, %ecx/%rcx elsewhere). */
  private movCount(n: number): void {
    if (this.mode === 'real') this.movImm16(ECX, n);
    else this.movImm(ECX, n);
  }

  /** OUT or IN of 1, 2 or 4 bytes, by immediate port or through %dx. */
  port(): void {
    const r = this.rng;
    const port = this.portNumber();
    const size = r.pick([1, 2, 4]);
    const out = r.chance(0.7);
    const prefix = size === 2 ? this.o16 : size === 4 ? this.o32 : [];
    if (out) this.movImm(EAX, r.chance(0.5) ? r.below(0x100) : r.u32());
    if (port < 0x100 && r.chance(0.6)) {
      this.raw(...prefix, (out ? 0xe6 : 0xe4) + (size === 1 ? 0 : 1), port);
    } else {
      this.movImm16(EDX, port);
      this.raw(...prefix, (out ? 0xee : 0xec) + (size === 1 ? 0 : 1));
    }
    this.ops.push(`${out ? 'out' : 'in'}${size * 8} port=${hex(port)}`);
  }

  /** rep outs / rep ins of a few elements between a port and memory. */
  stringPort(): void {
    const r = this.rng;
    const port = this.portNumber();
    const out = r.chance(0.5);
    const { a, where } = this.target();
    const n = r.range(0, 16);
    let at = a;
    if (this.mode === 'real') {
      at = a & 0xffffn; // an offset in %es (0) or %ds (whatever it is by now)
      this.movImm16(out ? ESI : EDI, Number(at));
    } else this.movImm(out ? ESI : EDI, a);
    this.movCount(n);
    this.movImm16(EDX, port);
    const wide = r.chance(0.3);
    this.raw(0xf3, (out ? 0x6e : 0x6c) + (wide ? 1 : 0));
    this.ops.push(`rep ${out ? 'outs' : 'ins'}${wide ? '(wide)' : 'b'} port=${hex(port)} n=${n} ${where}=${hex(at)}`);
  }

  /** A load, store or read-modify-write of RAM, MMIO or unmapped memory. */
  memory(): void {
    const r = this.rng;
    const { a, where } = this.target();
    const rm = this.address(a);
    this.movImm(EAX, r.u32());
    const w = r.pick([8, 16, 32, ...(this.mode === 'long' ? [64] : [])]);
    const pre = w === 16 ? this.o16 : w === 32 ? this.o32 : w === 64 ? [0x48] : [];
    const byte = w === 8 ? 0 : 1;
    const kind = r.pick(['store', 'load', 'add', 'xchg', 'lock-or', 'cmpxchg', 'inc', 'store-imm'] as const);
    switch (kind) {
      case 'store': this.raw(...pre, 0x88 + byte, rm); break;
      case 'load': this.raw(...pre, 0x8a + byte, rm); break;
      case 'add': this.raw(...pre, 0x00 + byte, rm); break;
      case 'xchg': this.raw(...pre, 0x86 + byte, rm); break;
      case 'lock-or': this.raw(0xf0, ...pre, 0x08 + byte, rm); break;
      case 'cmpxchg': this.raw(...pre, 0x0f, 0xb0 + byte, (ECX << 3) | rm); break;
      case 'inc': this.raw(...pre, 0xfe + byte, rm); break;
      case 'store-imm':
        if (w === 8) this.raw(0xc6, rm, r.below(256));
        else this.raw(...pre, 0xc7, rm, ...le(r.u32(), w === 16 ? 2 : 4));
        break;
    }
    this.ops.push(`${kind}${w} ${where}=${hex(a)}`);
  }

  /** rep stos / rep movs over a few bytes (it may overwrite the image, the stack or the system area). */
  repString(): void {
    const r = this.rng;
    const dst = this.target();
    const n = r.range(0, 64);
    const movs = r.chance(0.5);
    if (this.mode === 'real') {
      dst.a &= 0xffffn;
      this.movImm16(EDI, Number(dst.a));
      if (movs) this.movImm16(ESI, r.below(0x10000));
    } else {
      this.movImm(EDI, dst.a);
      if (movs) this.movImm(ESI, this.target().a);
    }
    this.movImm(EAX, r.u32());
    this.movCount(n);
    this.raw(0xf3, movs ? 0xa4 : 0xaa);
    this.ops.push(`rep ${movs ? 'movsb' : 'stosb'} n=${n} ${dst.where}=${hex(dst.a)}`);
  }

  /** mov to CR0/CR2/CR3/CR4 (CR8 in long mode; sometimes a CR that does not exist), or a read. */
  controlRegister(): void {
    const r = this.rng;
    const long = this.mode === 'long';
    const cr = r.weighted([[5, 0], [2, 2], [3, 3], [5, 4], [long ? 2 : 0, 8], [1, r.pick([1, 5, 6, 7])]] as const);
    const base = {
      real: { 0: 0x60000010n, 3: 0n, 4: 0n },
      protected: { 0: 0x33n, 3: 0n, 4: 0x600n },
      long: { 0: 0x80010033n, 3: 0xe4000n, 4: 0x620n },
    }[this.mode] as Record<number, bigint>;
    if (r.chance(0.2)) {
      this.raw(...(cr === 8 ? [0x44] : []), 0x0f, 0x20, 0xc0 | ((cr & 7) << 3)); // mov %crN, %eax
      this.ops.push(`read cr${cr}`);
      return;
    }
    let v: bigint;
    const bits = { 0: [0, 1, 2, 3, 5, 16, 18, 29, 30, 31], 4: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 16, 17, 18, 20, 21, 22, 23, 24] } as Record<number, number[]>;
    const how = r.pick(['flip', 'flip2', 'random', 'zero', 'page'] as const);
    const start = base[cr] ?? 0n;
    if (how === 'flip' || how === 'flip2') {
      v = start;
      for (let i = how === 'flip' ? 1 : 2; i > 0; i--) v ^= 1n << BigInt(r.pick(bits[cr] ?? [r.below(32)]));
    } else if (how === 'random') v = long && r.chance(0.3) ? r.u64() : BigInt(r.u32());
    else if (how === 'zero') v = 0n;
    else v = BigInt(r.below(this.memSize >> 12) << 12);
    if (cr === 8) v &= 0xfn;
    this.movImm(EAX, v);
    this.raw(...(cr === 8 ? [0x44] : []), 0x0f, 0x22, 0xc0 | ((cr & 7) << 3)); // mov %eax, %crN
    this.ops.push(`cr${cr} <- ${hex(v)}`);
  }

  /** wrmsr or rdmsr of an architectural MSR (EFER, APIC base, SYSENTER, ...) or a random index. */
  msr(): void {
    const r = this.rng;
    const index = r.chance(0.8)
      ? r.pick([0xc0000080, 0x1b, 0x10, 0x174, 0x175, 0x176, 0xc0000081, 0xc0000082, 0x277, 0x3a, 0x48, 0xc0000100, 0xc0000102, 0x6e0, 0x1d9, 0x4b564d00])
      : r.u32();
    this.movImm(ECX, index);
    if (r.chance(0.3)) {
      this.raw(0x0f, 0x32);
      this.ops.push(`rdmsr ${hex(index)}`);
      return;
    }
    const lo = index === 0xc0000080 ? r.pick([0, 0x100, 0x400, 0x500, 0x501, 0xd01, 0x800, r.u32()]) : r.u32();
    const hi = r.chance(0.8) ? 0 : r.u32();
    this.movImm(EAX, lo);
    this.movImm(EDX, hi);
    this.raw(0x0f, 0x30);
    this.ops.push(`wrmsr ${hex(index)} <- ${hex((BigInt(hi) << 32n) | BigInt(lo))}`);
  }

  /** int n, int3, int1, into, ud2, a divide by zero, syscall/sysenter, iret. */
  interrupt(): void {
    const r = this.rng;
    const what = r.weighted([[8, 'int'], [2, 'int3'], [1, 'int1'], [1, 'into'], [2, 'ud2'], [2, 'div0'], [1, 'syscall'], [1, 'sysenter'], [1, 'iret']] as const);
    switch (what) {
      case 'int': {
        const n = r.chance(0.5) ? r.below(32) : r.below(256);
        this.emit(`int ${hex(n)}`, 0xcd, n);
        return;
      }
      case 'int3': return this.emit('int3', 0xcc);
      case 'int1': return this.emit('int1', 0xf1);
      case 'into': return this.emit('into', 0xce);
      case 'ud2': return this.emit('ud2', 0x0f, 0x0b);
      case 'div0': return this.emit('div by zero', 0x31, 0xc9, 0xf7, 0xf1); // xor %ecx,%ecx; div %ecx
      case 'syscall': return this.emit('syscall', 0x0f, 0x05);
      case 'sysenter': return this.emit('sysenter', 0x0f, 0x34);
      case 'iret': return this.emit('iret', ...(this.mode === 'long' ? [0x48] : []), 0xcf);
    }
  }

  halt(): void {
    const r = this.rng;
    const what = r.pick(['hlt', 'cli; hlt', 'sti; hlt'] as const);
    if (what === 'hlt') this.emit(what, 0xf4);
    else this.emit(what, what === 'cli; hlt' ? 0xfa : 0xfb, 0xf4);
  }

  /** Short, conditional, near and looping jumps, calls and returns; they may land mid-instruction. */
  jump(): void {
    const r = this.rng;
    const what = r.weighted([[4, 'jmp8'], [4, 'jcc'], [2, 'jmp'], [1, 'self'], [2, 'loop'], [2, 'call'], [2, 'ret']] as const);
    const rel8 = () => r.range(-24, 24) & 0xff;
    switch (what) {
      case 'jmp8': { const d = rel8(); return this.emit(`jmp .+2+${(d << 24) >> 24}`, 0xeb, d); }
      case 'jcc': { const cc = r.below(16); const d = rel8(); return this.emit(`j${cc} .+2+${(d << 24) >> 24}`, 0x70 + cc, d); }
      case 'self': return this.emit('jmp .', 0xeb, 0xfe);
      case 'loop': {
        this.movCount(r.range(1, 2000));
        return this.emit('loop .', 0xe2, 0xfe);
      }
      case 'jmp':
      case 'call': {
        // Anywhere in RAM (usually zeros) or a few bytes around here.
        const width = this.mode === 'real' ? 2 : 4;
        const end = this.here + 1 + width;
        const to = r.chance(0.5) ? end + r.range(-32, 32) : r.below(Math.min(this.memSize, 0x10000));
        return this.emit(`${what} ${hex(to)}`, what === 'jmp' ? 0xe9 : 0xe8, ...le(to - end, width));
      }
      case 'ret': return this.emit('ret', 0xc3);
    }
  }

  /** A far transfer to the next instruction through some GDT selector (or a real-mode segment). */
  farJump(): void {
    const r = this.rng;
    if (this.mode === 'real') {
      const seg = r.pick([0, 0, 0x100, r.below(0x10000)]);
      const next = this.here + 5;
      const off = (next - seg * 16) & 0xffff;
      return this.emit(`ljmp ${hex(seg)}:${hex(off)}`, 0xea, ...le(off, 2), ...le(seg, 2));
    }
    const sel = r.pick([SEL.code32, SEL.code64, SEL.code16, SEL.data, SEL.tss, 0, r.below(0x80)]);
    // push $sel; push $next; lret (lretq in long mode): no memory operand needed in either mode.
    const long = this.mode === 'long';
    const next = this.here + 2 + 5 + (long ? 2 : 1);
    this.emit(`far jump ${hex(sel)}:${hex(next)}`, 0x6a, sel, 0x68, ...le(next, 4), ...(long ? [0x48] : []), 0xcb);
  }

  /** push/pop, pushf/popf with random flags (TF, IF, AC, NT, IOPL), a broken stack pointer. */
  stack(): void {
    const r = this.rng;
    const what = r.weighted([[4, 'push-pop'], [4, 'popf'], [1, 'bad-sp'], [2, 'pop-many']] as const);
    if (what === 'push-pop') {
      const a = r.below(8), b = r.below(8);
      if (b === ESP) return this.emit(`push r${a}`, 0x50 + a);
      return this.emit(`push r${a}; pop r${b}`, 0x50 + a, 0x58 + b);
    }
    if (what === 'popf') {
      const flags = ((r.chance(0.5) ? r.pick([0x100, 0x200, 0x40000, 0x4000, 0x3000, 0x302]) : r.u32()) | 2) >>> 0;
      this.raw(...this.o32, 0x68, ...le(flags, 4)); // push $flags
      return this.emit(`popf ${hex(flags)}`, ...this.o32, 0x9d);
    }
    if (what === 'bad-sp') {
      const sp = r.pick([0, 3, 0x7fff, this.memSize, 0xfffffff0, r.u32()]);
      this.movImm(ESP, sp);
      this.ops.push(`sp <- ${hex(sp)}`);
      return;
    }
    const n = r.range(1, 8);
    this.emit(`pop x${n}`, ...Array.from({ length: n }, () => 0x58 + r.pick([EAX, ECX, EDX, EBX, ESI, EDI])));
  }

  /** Loads a data segment register (or %ss) with some selector. */
  segment(): void {
    const r = this.rng;
    const sel = this.mode === 'real' ? r.below(0x10000) : r.pick([0, SEL.code32, SEL.data, SEL.code64, SEL.tss, SEL.code16, SEL.data16, 3, r.below(0x10000)]);
    const sreg = r.pick([0, 3, 4, 5, 2]); // es, ds, fs, gs, ss
    this.raw(0xb8, ...le(sel, 2)); // mov $sel,%ax (16-bit form in real mode, the low half elsewhere)
    if (this.mode !== 'real') this.raw(0, 0);
    this.emit(`mov ${hex(sel)} -> ${['es', 'cs', 'ss', 'ds', 'fs', 'gs'][sreg]}`, 0x8e, 0xc0 | (sreg << 3));
  }

  /** lgdt/lidt from some memory (usually not a descriptor), or invlpg. */
  descriptorTable(): void {
    const r = this.rng;
    const { a, where } = this.target();
    const rm = this.address(a);
    const what = r.pick([2, 3, 7] as const);
    this.emit(`${{ 2: 'lgdt', 3: 'lidt', 7: 'invlpg' }[what]} ${where}=${hex(a)}`, 0x0f, 0x01, (what << 3) | rm);
  }

  /**
   * What this project's host (kvm_pvm) is known to handle badly: hypercalls (VMCALL and VMMCALL with KVM's
   * hypercall numbers or junk) and the XSAVE family (XSETBV, XSAVE, XRSTOR, XSAVEOPT to or from anywhere).
   */
  hostSensitive(): void {
    const r = this.rng;
    const what = r.pick(['vmcall', 'vmmcall', 'xsetbv', 'xsave', 'xrstor', 'xsaveopt'] as const);
    if (what === 'vmcall' || what === 'vmmcall') {
      // KVM_HC_VAPIC_POLL_IRQ, KVM_HC_FEATURES, KICK_CPU, CLOCK_PAIRING, SEND_IPI, SCHED_YIELD, MAP_GPA_RANGE, or junk
      const nr = r.chance(0.7) ? r.pick([1, 3, 5, 9, 10, 11, 12]) : r.u32();
      this.movImm(EAX, nr);
      this.movImm(EBX, r.below(4));
      this.movImm(ECX, r.below(0x10000));
      return this.emit(`${what} nr=${hex(nr)}`, 0x0f, 0x01, what === 'vmcall' ? 0xc1 : 0xd9);
    }
    if (what === 'xsetbv') {
      const xcr0 = r.pick([1, 3, 7, 0xe7, 0x2e7, r.u32()]) >>> 0;
      this.movImm(ECX, r.chance(0.8) ? 0 : r.below(4));
      this.movImm(EAX, xcr0);
      this.movImm(EDX, 0);
      return this.emit(`xsetbv ${hex(xcr0)}`, 0x0f, 0x01, 0xd1);
    }
    const { a, where } = this.target();
    const rm = this.address(a);
    this.movImm(EAX, 0xffffffff);
    this.movImm(EDX, 0xffffffff);
    const reg = { xsave: 4, xrstor: 5, xsaveopt: 6 }[what];
    this.emit(`${what} ${where}=${hex(a)}`, 0x0f, 0xae, (reg << 3) | rm);
  }

  /** Instructions that exit or are emulated: cpuid, rdtsc(p), rdpmc, wbinvd, xgetbv, clts, monitor/mwait, pause. */
  misc(): void {
    const r = this.rng;
    const what = r.pick(['cpuid', 'rdtsc', 'rdtscp', 'rdpmc', 'wbinvd', 'xgetbv', 'clts', 'lmsw', 'smsw', 'pause', 'nop', 'mwait'] as const);
    switch (what) {
      case 'cpuid':
        this.movImm(EAX, r.pick([0, 1, 7, 0xd, 0x40000000, 0x40000001, 0x80000000, 0x80000001, r.u32()]));
        this.movImm(ECX, r.below(4));
        return this.emit(what, 0x0f, 0xa2);
      case 'rdtsc': return this.emit(what, 0x0f, 0x31);
      case 'rdtscp': return this.emit(what, 0x0f, 0x01, 0xf9);
      case 'rdpmc': this.movImm(ECX, r.below(8)); return this.emit(what, 0x0f, 0x33);
      case 'wbinvd': return this.emit(what, 0x0f, 0x09);
      case 'xgetbv': this.movImm(ECX, r.below(2)); return this.emit(what, 0x0f, 0x01, 0xd0);
      case 'clts': return this.emit(what, 0x0f, 0x06);
      case 'lmsw': this.movImm16(EAX, r.below(0x10)); return this.emit(what, 0x0f, 0x01, 0xf0);
      case 'smsw': return this.emit(what, 0x0f, 0x01, 0xe0);
      case 'pause': return this.emit(what, 0xf3, 0x90);
      case 'nop': return this.emit(what, 0x90);
      case 'mwait':
        this.movImm(EAX, 0);
        this.movImm(ECX, 0);
        return this.emit('monitor; mwait', 0x0f, 0x01, 0xc8, 0x0f, 0x01, 0xc9);
    }
  }
}
