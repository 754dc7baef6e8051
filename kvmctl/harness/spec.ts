// A unittest as data: what its header says, after parsing and validation.
import type { Regs } from '../engine/abi/structs.js';
import type { KutEntry } from '../kut/cfg.js';
import type { Mode } from '../machine/layout.js';

export type Requirement =
  /** A capability's KVM_CHECK_EXTENSION value: at least `min`, and with every bit of `bits` set when given (bitmask caps). */
  | { kind: 'cap'; name: string; min: number; bits?: number; line: number }
  | { kind: 'vendor'; vendor: string; line: number }
  | { kind: 'cpuid'; feature: string; line: number }
  /** A flag of the host CPU in /proc/cpuinfo: what upstream KVM then offers the guest is the test's claim. */
  | { kind: 'host-cpu'; flag: string; line: number };

/** A requirement as the header spells it. */
export function requirementText(r: Requirement): string {
  switch (r.kind) {
    case 'cap': return `${r.name}${r.min > 1 ? `>=${r.min}` : ''}${r.bits !== undefined ? `&0x${r.bits.toString(16)}` : ''}`;
    case 'vendor': return `vendor=${r.vendor}`;
    case 'cpuid': return `cpuid=${r.feature}`;
    case 'host-cpu': return `host-cpu=${r.flag}`;
  }
}

export interface SlotSpec {
  slot: number;
  gpa: bigint;
  size: number;
  readonly: boolean;
  dirtyLog: boolean;
  data?: Uint8Array;
  fill?: number;
}

/** One field of an exit pattern: a name and the text its value must equal (numbers compare as numbers). */
export type FieldMatch = [string, string];

export interface ExitPattern {
  reason: string;
  fields: FieldMatch[];
  vcpu?: number;
  line: number;
}

export interface ValueCheck {
  name: string;
  value: bigint;
  mask: bigint;
  vcpu: number;
  line: number;
}

export interface MemCheck {
  gpa: bigint;
  bytes: Uint8Array;
  line: number;
}

export type Trigger =
  | { kind: 'start' }
  | { kind: 'end' }
  | { kind: 'checkpoint'; n: number }
  | { kind: 'in'; port: number }
  | { kind: 'mmio-read'; address: bigint }
  | { kind: 'exit'; reason: string; count?: number };

/** One host step: a verb and its words, validated at parse time; `errno` makes the step an expected failure. */
export interface Step {
  verb: string;
  args: string[];
  named: Record<string, string>;
  errno?: string;
  line: number;
}

export interface Action {
  trigger: Trigger;
  steps: Step[];
  line: number;
}

export interface CpuidEntry {
  leaf: number;
  index: number;
  regs: Partial<Record<'eax' | 'ebx' | 'ecx' | 'edx', number>>;
  line: number;
}

export interface Spec {
  name: string;
  file: string;
  feature: string;
  groups: string[];
  timeoutMs: number;
  requires: Requirement[];
  mode: Mode;
  memSize: number;
  load: number;
  entry?: number;
  vcpus: number;
  slots: SlotSpec[];
  regs: Partial<Regs>;
  sregs: ValueCheck[];
  cpuid: CpuidEntry[];
  /** `cpuid: hyperv`: the vCPUs get KVM_GET_SUPPORTED_HV_CPUID's leaves in place of KVM's own at 0x40000000 (line, or undefined). */
  hypervCpuid?: number;
  msrs: Array<{ index: number; value: bigint; line: number }>;
  debug?: { flags: string[]; debugregs: bigint[]; line: number };
  enableCaps: Array<{ cap: string; args: bigint[]; line: number }>;
  irqchip: boolean;
  actions: Action[];
  expect: {
    exits: ExitPattern[];
    exact: boolean;
    final?: ExitPattern;
    regs: ValueCheck[];
    sregs: ValueCheck[];
    mem: MemCheck[];
    console?: { text: string; includes: boolean; line: number };
  };
  /** Line of each key, for messages. */
  lines: Record<string, number>;
  /** A kvm-unit-tests entry (a unittests.cfg section) instead of an assembly guest. */
  kut?: KutEntry;
}
