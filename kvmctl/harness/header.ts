// Parses a unittest's header: the first /* ... */ comment of the .S file, one `key: value` per line.
// Every problem is an InputError "file:line: what is wrong"; unknown keys and names are errors.
import { basename } from 'node:path';
import { CAPABILITIES } from '../engine/abi/capabilities.js';
import { CPUID_FEATURES } from '../engine/abi/cpuid-features.js';
import type { Regs } from '../engine/abi/structs.js';
import { InputError } from '../errors.js';
import type { FieldKind } from '../machine/trace.js';
import { DEFAULT_LOAD, DEFAULT_MEM, MODES, type Mode } from '../machine/layout.js';
import { errnoNumber } from '../engine/sys/errno.js';
import { DEFAULT_TIMEOUT_MS, DURATION_FORMS, parseDuration } from '../util/duration.js';
import { isRegName, parseAddress, parseHexBytes, parseSize, parseU64, splitAssignment } from '../util/parse.js';
import type { Action, ExitPattern, Spec, Step, Trigger, ValueCheck } from './spec.js';
import { DEBUG_FLAG_BITS, EXIT_NAMES, exitFields, isSregName, STEP_VERBS } from './vocabulary.js';

/** Every key a header may have, in the README's order, and whether it may appear more than once. */
export const HEADER_KEYS = {
  feature: 'once', groups: 'once', timeout: 'once',
  requires: 'repeat', vcpus: 'once',
  mode: 'once', mem: 'once', load: 'once', entry: 'once', slot: 'repeat', reg: 'repeat', sreg: 'repeat',
  cpuid: 'repeat', msr: 'repeat', debug: 'once', 'enable-cap': 'repeat', irqchip: 'once',
  on: 'repeat',
  expect: 'repeat', exits: 'once',
} as const;
export type HeaderKey = keyof typeof HEADER_KEYS;
const isKey = (key: string): key is HeaderKey => Object.hasOwn(HEADER_KEYS, key);

/** The kinds of `expect:` line: `expect: KIND ...`. */
export const EXPECT_KINDS = ['exit', 'final', 'status', 'regs', 'sregs', 'mem', 'console', 'console-includes'] as const;
export type ExpectKind = (typeof EXPECT_KINDS)[number];

export class HeaderError extends InputError {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
  }
}

/** The name a test is known by: its file name without the extension. */
export const testName = (file: string): string => basename(file).replace(/\.(S|s)$/, '');

interface HeaderLine {
  key: string;
  value: string;
  line: number;
}

/** Finds the header comment and splits it into key/value lines (with 2+-space-indented continuations). */
export function headerLines(file: string, text: string): HeaderLine[] {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && lines[i].trim() === '') i++;
  if (i >= lines.length || !lines[i].trim().startsWith('/*')) throw new HeaderError(file, i + 1, 'a unittest starts with a /* ... */ header comment');
  const out: HeaderLine[] = [];
  for (let first = true; ; first = false, i++) {
    if (i >= lines.length) throw new HeaderError(file, lines.length, 'unterminated header comment (no closing */)');
    let raw = lines[i];
    const end = raw.indexOf('*/');
    if (end >= 0) raw = raw.slice(0, end);
    if (first) raw = raw.slice(raw.indexOf('/*') + 2);
    const body = raw.replace(/^\s*\*?/, '');
    if (body.trim() !== '' && !body.trim().startsWith('#')) { // '#' lines are notes for the reader
      const m = /^\s?([a-z][a-z0-9-]*):(?:\s+(.*))?$/.exec(body.trimEnd());
      if (m) out.push({ key: m[1], value: (m[2] ?? '').trim(), line: i + 1 });
      else if (/^\s{2,}\S/.test(body) && out.length > 0) out[out.length - 1].value += ' ' + body.trim();
      else {
        const hint = first || /^\s*\*/.test(raw) ? '' : ' (is the closing */ of the header missing?)';
        throw new HeaderError(file, i + 1, `expected 'key: value', got '${body.trim()}'${hint}`);
      }
    }
    if (end >= 0) break;
  }
  return out;
}

export function parseHeader(file: string, text: string): Spec {
  const spec: Spec = {
    name: testName(file), file, feature: '', groups: [], timeoutMs: DEFAULT_TIMEOUT_MS, requires: [],
    mode: 'real', memSize: DEFAULT_MEM, load: DEFAULT_LOAD, vcpus: 1, slots: [], regs: {}, sregs: [],
    cpuid: [], msrs: [], enableCaps: [], irqchip: false, actions: [],
    expect: { exits: [], exact: false, regs: [], sregs: [], mem: [] }, lines: {},
  };
  const slotLines: number[] = [];
  for (const { key, value, line } of headerLines(file, text)) {
    const fail = (msg: string): never => {
      throw new HeaderError(file, line, msg);
    };
    if (!isKey(key)) fail(`unknown key '${key}'`);
    if (HEADER_KEYS[key as HeaderKey] === 'once' && spec.lines[key] !== undefined) fail(`duplicate key '${key}' (first on line ${spec.lines[key]})`);
    spec.lines[key] ??= line;
    if (value === '') fail(`'${key}' needs a value`);
    const p = new Parser(value, fail);
    switch (key) {
      case 'feature': spec.feature = value; break;
      case 'groups': spec.groups = value.split(/[\s,]+/).filter(Boolean); break;
      case 'timeout': spec.timeoutMs = p.duration(value); break;
      case 'mode':
        if (!MODES.includes(value as Mode)) fail(`unknown mode '${value}' (real, protected or long)`);
        spec.mode = value as Mode;
        break;
      case 'mem': spec.memSize = p.size(value); break;
      case 'load': spec.load = p.address(value); break;
      case 'entry': spec.entry = p.address(value); break;
      case 'vcpus': spec.vcpus = p.int(value, 1, 64); break;
      case 'irqchip': spec.irqchip = p.bool(value); break;
      case 'exits':
        if (value !== 'exact' && value !== 'subset') fail(`exits: is 'exact' or 'subset', not '${value}'`);
        spec.expect.exact = value === 'exact';
        break;
      case 'requires': for (const word of value.split(/\s+/)) spec.requires.push(p.requirement(word, line)); break;
      case 'slot': spec.slots.push(p.slot()); slotLines.push(line); break;
      case 'reg':
        for (const [name, v] of p.assignments()) {
          if (!isRegName(name)) fail(`unknown register '${name}'`);
          spec.regs[name as keyof Regs] = p.u64(v);
        }
        break;
      case 'sreg': for (const [name, v] of p.assignments()) spec.sregs.push(p.sregCheck(name, v, 0, line)); break;
      case 'cpuid':
        if (value !== 'hyperv') spec.cpuid.push(p.cpuid(line));
        else if (spec.hypervCpuid !== undefined) fail(`duplicate 'cpuid: hyperv' (first on line ${spec.hypervCpuid})`);
        else spec.hypervCpuid = line;
        break;
      case 'msr': for (const [name, v] of p.assignments()) spec.msrs.push({ index: p.int(name, 0, 0xffffffff), value: p.u64(v), line }); break;
      case 'debug': spec.debug = p.debug(line); break;
      case 'enable-cap': {
        const [cap, ...args] = value.split(/\s+/);
        p.capability(cap);
        spec.enableCaps.push({ cap, args: args.map((a) => p.u64(a)), line });
        break;
      }
      case 'on': spec.actions.push(p.action(line)); break;
      case 'expect': p.expectation(spec, line); break;
    }
  }
  if (spec.feature === '') throw new HeaderError(file, 1, "missing 'feature:' (the ABI feature this test exercises)");
  checkMemoryMap(file, spec, slotLines);
  for (const e of [...spec.expect.exits, ...spec.expect.regs, ...spec.expect.sregs]) {
    const id = e.vcpu ?? 0;
    if (id >= spec.vcpus) throw new HeaderError(file, e.line, `vcpu=${id} but the test has ${spec.vcpus} vCPU${spec.vcpus > 1 ? 's' : ''} (vcpus: N)`);
  }
  return spec;
}

const hex = (n: number | bigint) => `0x${n.toString(16)}`;

/**
 * What KVM would refuse only later (EEXIST from KVM_SET_USER_MEMORY_REGION) or the machine could not
 * hold: a load address or entry point outside RAM, two slots with one ID, slots that overlap each other
 * or RAM (slot 0, at GPA 0). Reported here, at the header line, as input errors.
 */
function checkMemoryMap(file: string, spec: Spec, slotLines: number[]): void {
  const ramLine = spec.lines.mem ?? 1;
  for (const key of ['load', 'entry'] as const) {
    const at = spec[key];
    if (at !== undefined && at >= spec.memSize) {
      throw new HeaderError(file, spec.lines[key] ?? ramLine, `${key} address ${hex(at)} is outside guest memory (mem: ${hex(spec.memSize)})`);
    }
  }
  const ranges = [{ what: `RAM (slot 0, mem: ${hex(spec.memSize)})`, id: 0, start: 0n, end: BigInt(spec.memSize), line: ramLine }];
  spec.slots.forEach((s, i) => {
    const line = slotLines[i];
    const range = { what: `slot ${s.slot} at ${hex(s.gpa)}..${hex(s.gpa + BigInt(s.size))} (line ${line})`, id: s.slot, start: s.gpa, end: s.gpa + BigInt(s.size), line };
    for (const r of ranges) {
      if (r.id === s.slot) throw new HeaderError(file, line, `slot ${s.slot} is declared twice (first on line ${r.line})`);
      if (range.start < r.end && r.start < range.end) {
        throw new HeaderError(file, line, `slot ${s.slot} at ${hex(range.start)}..${hex(range.end)} overlaps ${r.what}`);
      }
    }
    ranges.push(range);
  });
}

/** Value-level parsing for one header line; every error goes through `fail` (file:line). */
class Parser {
  constructor(readonly value: string, readonly fail: (msg: string) => never) {}

  words(): string[] { return this.value.split(/\s+/).filter(Boolean); }

  u64(text: string): bigint {
    const v = parseU64(text);
    return v ?? this.fail(`invalid number '${text}' (decimal or 0x-hex, up to 64 bits)`);
  }

  int(text: string, min: number, max: number): number {
    const v = parseU64(text);
    if (v === undefined || v < BigInt(min) || v > BigInt(max)) this.fail(`invalid number '${text}' (expected ${min}..${max})`);
    return Number(v);
  }

  address(text: string): number { return parseAddress(text) ?? this.fail(`invalid address '${text}'`); }

  size(text: string): number {
    const v = parseSize(text);
    if (v === undefined || v <= 0 || v % 4096 !== 0) this.fail(`invalid size '${text}' (a multiple of 4K such as 64K, 2M, 1G)`);
    return v!;
  }

  bool(text: string): boolean {
    if (['yes', 'true', 'on', '1'].includes(text)) return true;
    if (['no', 'false', 'off', '0'].includes(text)) return false;
    return this.fail(`expected yes or no, got '${text}'`);
  }

  duration(text: string): number {
    const ms = parseDuration(text);
    if (ms === undefined || ms <= 0) this.fail(`invalid timeout '${text}' (${DURATION_FORMS})`);
    return ms!;
  }

  assignments(words = this.words()): Array<[string, string]> {
    return words.map((w) => splitAssignment(w) ?? this.fail(`expected NAME=VALUE, got '${w}'`));
  }

  capability(name: string): string {
    if (CAPABILITIES[name] === undefined) this.fail(`unknown capability '${name}'`);
    return name;
  }

  requirement(word: string, line: number): Spec['requires'][number] {
    const cap = /^(KVM_CAP_[A-Z0-9_]+)(?:>=(\d+)|&(0x[0-9a-fA-F]+|\d+))?$/.exec(word);
    if (cap) {
      const bits = cap[3] === undefined ? undefined : this.int(cap[3], 1, 0x7fffffff);
      return { kind: 'cap', name: this.capability(cap[1]), min: cap[2] ? Number(cap[2]) : 1, bits, line };
    }
    const kv = splitAssignment(word);
    if (kv?.[0] === 'vendor') {
      if (!['intel', 'amd'].includes(kv[1])) this.fail(`unknown vendor '${kv[1]}' (intel or amd)`);
      return { kind: 'vendor', vendor: kv[1], line };
    }
    if (kv?.[0] === 'cpuid') {
      if (!CPUID_FEATURES[kv[1]]) this.fail(`unknown CPUID feature '${kv[1]}' (known: ${Object.keys(CPUID_FEATURES).join(', ')})`);
      return { kind: 'cpuid', feature: kv[1], line };
    }
    if (kv?.[0] === 'host-cpu') {
      if (!/^[a-z0-9_]+$/.test(kv[1])) this.fail(`invalid host CPU flag '${kv[1]}' (a /proc/cpuinfo flag name)`);
      return { kind: 'host-cpu', flag: kv[1], line };
    }
    return this.fail(`unknown requirement '${word}' (KVM_CAP_NAME[>=N|&BITS], vendor=intel|amd, cpuid=FEATURE, host-cpu=FLAG)`);
  }

  /** `slot: ID gpa=ADDR size=SIZE [readonly] [dirty-log] [fill=BYTE] [data=HEX]` */
  slot(): Spec['slots'][number] {
    const [id, ...rest] = this.words();
    const slot = { slot: this.int(id, 1, 32767), gpa: -1n, size: 0, readonly: false, dirtyLog: false } as Spec['slots'][number];
    for (const w of rest) {
      if (w === 'readonly') slot.readonly = true;
      else if (w === 'dirty-log') slot.dirtyLog = true;
      else {
        const [k, v] = splitAssignment(w) ?? this.fail(`unknown slot option '${w}'`);
        if (k === 'gpa') slot.gpa = this.u64(v);
        else if (k === 'size') slot.size = this.size(v);
        else if (k === 'fill') slot.fill = this.int(v, 0, 255);
        else if (k === 'data') slot.data = parseHexBytes(v) ?? this.fail(`invalid hex bytes '${v}'`);
        else this.fail(`unknown slot option '${k}'`);
      }
    }
    if (slot.gpa < 0n || slot.size === 0) this.fail('a slot needs gpa= and size=');
    if (slot.gpa % 4096n !== 0n) this.fail(`slot gpa 0x${slot.gpa.toString(16)} is not page aligned`);
    return slot;
  }

  /** `NAME=VALUE[/MASK]` for a GPR, a control register or SEG.FIELD. */
  sregCheck(name: string, text: string, vcpu: number, line: number): ValueCheck {
    if (!isSregName(name)) this.fail(`unknown special register '${name}' (cr0, cr2, cr3, cr4, cr8, efer, apic_base, cs.base, gdt.limit, ...)`);
    return { name, ...this.masked(text), vcpu, line };
  }

  masked(text: string): { value: bigint; mask: bigint } {
    const [v, m] = text.split('/');
    return { value: this.u64(v), mask: m === undefined ? (1n << 64n) - 1n : this.u64(m) };
  }

  /** `cpuid: LEAF[.INDEX] eax=.. ebx=.. ecx=.. edx=..` */
  cpuid(line: number): Spec['cpuid'][number] {
    const [leafText, ...rest] = this.words();
    const [l, i] = leafText.split('.');
    const entry: Spec['cpuid'][number] = { leaf: this.int(l, 0, 0xffffffff), index: i ? this.int(i, 0, 0xffffffff) : 0, regs: {}, line };
    for (const [k, v] of this.assignments(rest)) {
      if (!['eax', 'ebx', 'ecx', 'edx'].includes(k)) this.fail(`unknown CPUID register '${k}'`);
      entry.regs[k as 'eax'] = this.int(v, 0, 0xffffffff);
    }
    return entry;
  }

  /** `debug: singlestep sw-bp hw-bp dr0=ADDR dr7=VALUE` */
  debug(line: number): NonNullable<Spec['debug']> {
    const out = { flags: [] as string[], debugregs: [0n, 0n, 0n, 0n, 0n, 0n, 0n, 0n], line };
    for (const w of this.words()) {
      if (w in DEBUG_FLAG_BITS) out.flags.push(w);
      else {
        const [k, v] = splitAssignment(w) ?? this.fail(`unknown debug flag '${w}' (${Object.keys(DEBUG_FLAG_BITS).join(', ')}, drN=VALUE)`);
        const m = /^dr([0-7])$/.exec(k);
        if (!m) this.fail(`unknown debug register '${k}'`);
        out.debugregs[Number(m![1])] = this.u64(v);
      }
    }
    return out;
  }

  /** `on: TRIGGER => STEP [; STEP ...]` */
  action(line: number): Action {
    const parts = this.value.split('=>');
    if (parts.length !== 2) this.fail("expected 'on: TRIGGER => STEP [; STEP]'");
    const trigger = this.trigger(parts[0].trim().split(/\s+/));
    const steps = parts[1].split(';').map((s) => s.trim()).filter(Boolean).map((s) => this.step(s, line));
    if (steps.length === 0) this.fail('an action needs at least one step');
    return { trigger, steps, line };
  }

  trigger(words: string[]): Trigger {
    const [kind, arg, ...rest] = words;
    const more = rest.length > 0;
    switch (kind) {
      case 'start': case 'end':
        if (arg !== undefined) this.fail(`'${kind}' takes no argument`);
        return { kind };
      case 'checkpoint': if (arg === undefined || more) break; return { kind, n: this.int(arg, 0, 0xffffffff) };
      case 'in': if (arg === undefined || more) break; return { kind, port: this.int(arg, 0, 0xffff) };
      case 'mmio-read': if (arg === undefined || more) break; return { kind, address: this.u64(arg) };
      case 'exit': {
        if (arg === undefined || !EXIT_NAMES.includes(arg)) this.fail(`unknown exit reason '${arg ?? ''}' (${EXIT_NAMES.join(', ')})`);
        if (rest.length > 1) break;
        return { kind, reason: arg, count: rest[0] === undefined ? undefined : this.int(rest[0].replace(/^#/, ''), 1, 1 << 30) };
      }
    }
    return this.fail(`unknown trigger '${words.join(' ')}' (start, end, checkpoint N, in PORT, mmio-read ADDR, exit REASON [#N])`);
  }

  step(text: string, line: number): Step {
    const [verb, ...words] = text.split(/\s+/);
    const spec = STEP_VERBS[verb];
    if (!spec) this.fail(`unknown step '${verb}' (${Object.keys(STEP_VERBS).join(', ')})`);
    const args: string[] = [];
    const named: Record<string, string> = {};
    let errno: string | undefined;
    for (const w of words) {
      const kv = splitAssignment(w);
      if (kv && kv[0] === 'errno') {
        errno = w.slice(w.indexOf('=') + 1).toUpperCase();
        if (errnoNumber(errno) === undefined) this.fail(`unknown errno '${errno}'`);
      } else if (kv && !/^0x/i.test(w)) {
        if (!spec.named.includes(kv[0]) && !spec.named.includes('*')) this.fail(`${verb}: unknown option '${kv[0]}'`);
        named[kv[0]] = w.slice(w.indexOf('=') + 1);
      } else args.push(w);
    }
    if (args.length < spec.args[0] || args.length > spec.args[1]) this.fail(`${verb}: expected ${spec.usage}`);
    const step = { verb, args, named, errno, line };
    spec.validate?.(step, this);
    return step;
  }

  /**
   * `REASON [FIELD=VALUE ...] [vcpu=N]`, with only the fields an exit of that reason has. `final` takes
   * no vcpu=: the run's final exit is vCPU 0's, and a vcpu= there would be silently ignored.
   */
  exitPattern(words: string[], line: number, expectation: 'exit' | 'final'): ExitPattern {
    const [reason, ...rest] = words;
    const known = exitFields(reason ?? '') ?? this.fail(`unknown exit reason '${reason ?? ''}' (${EXIT_NAMES.join(', ')})`);
    const withVcpu = expectation === 'exit';
    const fields: Array<[string, string]> = [];
    let vcpu: number | undefined;
    for (const [k, v] of this.assignments(rest)) {
      if (k === 'vcpu' && !withVcpu) this.fail(`final ${reason}: no vcpu= here, the final exit is vCPU 0's (for another vCPU's exits: expect: exit ${reason} ... vcpu=N)`);
      if (k === 'vcpu') vcpu = this.int(v, 0, 63);
      else {
        const names = Object.keys(known);
        const kind = Object.hasOwn(known, k) ? known[k]
          : this.fail(`exit ${reason}: unknown field '${k}' (${names.length ? [...names, ...(withVcpu ? ['vcpu'] : [])].join(', ') : `${reason} has no fields${withVcpu ? ' besides vcpu' : ''}`})`);
        if (fields.some(([f]) => f === k)) this.fail(`exit ${reason}: field '${k}' given twice`);
        this.fieldValue(reason, k, v, kind);
        fields.push([k, v]);
      }
    }
    return { reason, fields, vcpu, line };
  }

  /** A field's value as describeExit writes it, so that a pattern that could never match is an error here. */
  fieldValue(reason: string, field: string, text: string, kind: FieldKind): void {
    if (kind === 'text') return;
    if (kind === 'number' && parseU64(text) === undefined) this.fail(`exit ${reason}: invalid ${field} '${text}' (expected a number)`);
    if (kind === 'bytes' && parseU64(text) === undefined && parseHexBytes(text) === undefined)
      this.fail(`exit ${reason}: invalid ${field} '${text}' (expected a number or hex bytes)`);
    if (Array.isArray(kind) && !kind.includes(text)) this.fail(`exit ${reason}: invalid ${field} '${text}' (expected ${kind.join(' or ')})`);
  }

  expectation(spec: Spec, line: number): void {
    const [kind, ...rest] = this.words();
    const vcpuOf = (pairs: Array<[string, string]>) => {
      const v = pairs.find(([k]) => k === 'vcpu');
      return { vcpu: v ? this.int(v[1], 0, 63) : 0, pairs: pairs.filter(([k]) => k !== 'vcpu') };
    };
    switch (kind) {
      case 'exit': spec.expect.exits.push(this.exitPattern(rest, line, 'exit')); return;
      case 'final':
        if (spec.expect.final) this.fail(`duplicate final-exit expectation (first on line ${spec.expect.final.line})`);
        spec.expect.final = this.exitPattern(rest, line, 'final');
        return;
      case 'status':
        if (spec.expect.final) this.fail(`duplicate final-exit expectation (first on line ${spec.expect.final.line})`);
        if (rest.length !== 1) this.fail('expected: expect: status N');
        spec.expect.final = { reason: 'status', fields: [['value', String(this.int(rest[0], 0, 0xffffffff))]], line };
        return;
      case 'regs': {
        const { vcpu, pairs } = vcpuOf(this.assignments(rest));
        for (const [name, v] of pairs) {
          if (!isRegName(name)) this.fail(`unknown register '${name}'`);
          spec.expect.regs.push({ name, ...this.masked(v), vcpu, line });
        }
        return;
      }
      case 'sregs': {
        const { vcpu, pairs } = vcpuOf(this.assignments(rest));
        for (const [name, v] of pairs) spec.expect.sregs.push(this.sregCheck(name, v, vcpu, line));
        return;
      }
      case 'mem': {
        const [addr, ...bytes] = rest;
        if (addr === undefined || bytes.length === 0) this.fail('expected: expect: mem ADDR HEXBYTES (or u8/u16/u32/u64=VALUE)');
        const gpa = this.u64(addr);
        const typed = splitAssignment(bytes[0]);
        if (typed && bytes.length === 1) {
          const width = { u8: 1, u16: 2, u32: 4, u64: 8 }[typed[0]];
          if (!width) this.fail(`unknown width '${typed[0]}' (u8, u16, u32, u64)`);
          const v = this.u64(typed[1]);
          if (v >= 1n << BigInt(8 * width!)) this.fail(`${typed[1]} does not fit in ${typed[0]}`);
          const out = new Uint8Array(width!);
          for (let i = 0; i < width!; i++) out[i] = Number((v >> BigInt(8 * i)) & 0xffn);
          spec.expect.mem.push({ gpa, bytes: out, line });
        } else {
          spec.expect.mem.push({ gpa, bytes: parseHexBytes(bytes.join('')) ?? this.fail(`invalid hex bytes '${bytes.join(' ')}'`), line });
        }
        return;
      }
      case 'console': case 'console-includes': {
        const raw = this.value.slice(kind.length).trim();
        let text: string;
        try {
          text = JSON.parse(raw);
          if (typeof text !== 'string') throw new Error();
        } catch {
          return this.fail(`${kind} expects a JSON string such as "hello\\n", got ${raw}`);
        }
        if (spec.expect.console) this.fail(`duplicate console expectation (first on line ${spec.expect.console.line})`);
        spec.expect.console = { text, includes: kind === 'console-includes', line };
        return;
      }
    }
    this.fail(`unknown expectation '${kind ?? ''}' (${EXPECT_KINDS.join(', ')})`);
  }
}

export type { Parser };
