// The words a header may use: exit reasons, and the host steps with their arity and options.
import { GUESTDBG } from '../engine/abi/exits.js';
import { CONTROL_NAMES, SEGMENT_NAMES } from '../engine/abi/structs.js';
import { CAPABILITIES } from '../engine/abi/capabilities.js';
import { kvm_vcpu_events, VCPUEVENT_VALID } from '../engine/abi/vcpu-state.js';
import { EXIT_FIELDS, type ExitName, type FieldKind } from '../machine/trace.js';
import { isRegName, parseSize, parseU64 } from '../util/parse.js';
import type { Step } from './spec.js';

/** The exit reasons a header may name, from the table of their fields. */
export const EXIT_NAMES: readonly string[] = Object.keys(EXIT_FIELDS);
/** The fields an exit of this reason has (plus `vcpu=` in a pattern), or undefined for an unknown reason. */
export const exitFields = (reason: string): Readonly<Record<string, FieldKind>> | undefined =>
  Object.hasOwn(EXIT_FIELDS, reason) ? EXIT_FIELDS[reason as ExitName] : undefined;

interface StepSpec {
  /** Minimum and maximum positional arguments. */
  args: [number, number];
  /** Allowed NAME=VALUE options ('*' = any register name, checked by validate). */
  named: string[];
  usage: string;
  validate?: (step: Step, p: { fail: (m: string) => never }) => void;
}

/** An add-slot size: any number (sizes KVM must refuse included), or 4K, 2M, 1G as in `slot:`. */
export const stepSize = (text: string): bigint | undefined => {
  const v = parseU64(text) ?? parseSize(text);
  return v === undefined ? undefined : BigInt(v);
};
const numbers = (step: Step, p: { fail: (m: string) => never }) => {
  for (const a of step.args) if (parseU64(a) === undefined) p.fail(`${step.verb}: invalid number '${a}'`);
  for (const [k, v] of Object.entries(step.named)) {
    if (k !== 'pages' && (k === 'size' ? stepSize(v) : parseU64(v)) === undefined) p.fail(`${step.verb}: invalid number '${v}' for ${k}`);
  }
};
const registers = (step: Step, p: { fail: (m: string) => never }) => {
  for (const [k, v] of Object.entries(step.named)) {
    if (!isRegName(k)) p.fail(`${step.verb}: unknown register '${k}'`);
    if (parseU64(v) === undefined) p.fail(`${step.verb}: invalid value '${v}' for ${k}`);
  }
  if (Object.keys(step.named).length === 0) p.fail(`${step.verb}: expected NAME=VALUE ...`);
};

/** `add-slot ID|nr-memslots [readonly] [dirty-log]`: the ID, then flags. */
const addSlot = (step: Step, p: { fail: (m: string) => never }) => {
  const [id, ...flags] = step.args;
  numbers({ ...step, args: id === 'nr-memslots' ? [] : [id] }, p);
  for (const f of flags) if (f !== 'readonly' && f !== 'dirty-log') p.fail(`${step.verb}: unknown flag '${f}' (readonly, dirty-log)`);
};
const onOff = (step: Step, p: { fail: (m: string) => never }) => {
  if (step.args[0] !== 'on' && step.args[0] !== 'off') p.fail(`${step.verb}: expected on or off, got '${step.args[0]}'`);
};

const SEGMENT_FIELDS = ['base', 'limit', 'selector', 'type', 'present', 'dpl', 'db', 's', 'l', 'g', 'avl', 'unusable'];
/** cr0, efer, cs.l, gdt.base, ...: the sregs fields a step may set or check. */
export const isSregName = (name: string): boolean => {
  const [a, b] = name.split('.');
  if (b === undefined) return (CONTROL_NAMES as readonly string[]).includes(a);
  if (['gdt', 'idt'].includes(a)) return ['base', 'limit'].includes(b);
  return (SEGMENT_NAMES as readonly string[]).includes(a) && SEGMENT_FIELDS.includes(b);
};
const sregisters = (step: Step, p: { fail: (m: string) => never }) => {
  for (const [k, v] of Object.entries(step.named)) {
    if (!isSregName(k)) p.fail(`${step.verb}: unknown special register '${k}' (cr0, efer, cs.l, gdt.base, ...)`);
    if (parseU64(v) === undefined) p.fail(`${step.verb}: invalid value '${v}' for ${k}`);
  }
  if (Object.keys(step.named).length === 0) p.fail(`${step.verb}: expected NAME=VALUE ...`);
};
const pageOption = (step: Step, p: { fail: (m: string) => never }) => {
  numbers(step, p);
  const pages = step.named.pages;
  if (pages === undefined) p.fail(`${step.verb}: expected pages=N,N,... or pages=none`);
  if (pages !== 'none' && !pages.split(',').every((x) => parseU64(x) !== undefined)) p.fail(`${step.verb}: invalid page list '${pages}'`);
};

/** `exception.nr`, `nmi.pending`, ...: the kvm_vcpu_events field a check-events name stands for, if any. */
export const eventField = (name: string): string | undefined => {
  const field = name.replace('.', '_');
  return field in kvm_vcpu_events.fields ? field : undefined;
};
/** `VALUE` or `VALUE/MASK`: the value and the bits compared (all of them without a mask). */
export const maskedValue = (text: string): { value: bigint; mask: bigint } | undefined => {
  const [v, m, more] = text.split('/');
  const value = parseU64(v), mask = m === undefined ? (1n << 64n) - 1n : parseU64(m);
  return value === undefined || mask === undefined || more !== undefined ? undefined : { value, mask };
};
const eventFields = (masks: boolean) => (step: Step, p: { fail: (m: string) => never }) => {
  for (const [k, v] of Object.entries(step.named)) {
    if (!eventField(k)) p.fail(`${step.verb}: unknown kvm_vcpu_events field '${k}' (exception.nr, exception.injected, nmi.pending, interrupt.nr, triple_fault.pending, flags, ...)`);
    if ((masks ? maskedValue(v) : parseU64(v)) === undefined) p.fail(`${step.verb}: invalid value '${v}' for ${k}`);
  }
  if (Object.keys(step.named).length === 0) p.fail(`${step.verb}: expected NAME=VALUE ...`);
};
/** The KVM_VCPUEVENT_VALID_* flag a kvm_vcpu_events field needs to be taken by KVM_SET_VCPU_EVENTS, if any. */
export const eventValidFlag = (field: string): number => {
  if (field === 'nmi_pending') return VCPUEVENT_VALID.NMI_PENDING;
  if (field === 'sipi_vector') return VCPUEVENT_VALID.SIPI_VECTOR;
  if (field === 'interrupt_shadow') return VCPUEVENT_VALID.SHADOW;
  if (field.startsWith('smi_')) return VCPUEVENT_VALID.SMM;
  if (field.startsWith('triple_fault_')) return VCPUEVENT_VALID.TRIPLE_FAULT;
  if (field === 'exception_has_payload' || field === 'exception_payload') return VCPUEVENT_VALID.PAYLOAD;
  return 0;
};
/** `enable-cap KVM_CAP_NAME [ARG ...]`: a known capability and up to four numbers. */
const capArgs = (step: Step, p: { fail: (m: string) => never }) => {
  const [cap, ...args] = step.args;
  if (CAPABILITIES[cap] === undefined) p.fail(`${step.verb}: unknown capability '${cap}'`);
  for (const a of args) if (parseU64(a) === undefined) p.fail(`${step.verb}: invalid number '${a}'`);
};

/** `0x174=0x10` pairs of a check-msrs step: positional (0x-hex index) or named (decimal index). */
export const msrPairs = (step: Step): Array<[string, string]> =>
  [...step.args.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] as [string, string]), ...Object.entries(step.named)];
const msrValues = (step: Step, p: { fail: (m: string) => never }) => {
  for (const [k, v] of msrPairs(step)) {
    if (parseU64(k) === undefined || parseU64(k)! > 0xffffffffn) p.fail(`${step.verb}: invalid MSR index '${k}' (expected INDEX=VALUE)`);
    if (parseU64(v) === undefined) p.fail(`${step.verb}: invalid value '${v}' for MSR ${k}`);
  }
  if (msrPairs(step).length === 0) p.fail(`${step.verb}: expected INDEX=VALUE ...`);
};
/** KVM_SET_GUEST_DEBUG control bits by the words of `debug:` and the debug step. */
export const DEBUG_FLAG_BITS: Readonly<Record<string, number>> = {
  singlestep: GUESTDBG.SINGLESTEP, 'sw-bp': GUESTDBG.USE_SW_BP, 'hw-bp': GUESTDBG.USE_HW_BP,
  'inject-db': GUESTDBG.INJECT_DB, 'inject-bp': GUESTDBG.INJECT_BP, blockirq: GUESTDBG.BLOCKIRQ,
};
const debugWords = (step: Step, p: { fail: (m: string) => never }) => {
  for (const a of step.args) if (!(a in DEBUG_FLAG_BITS) && a !== 'off') p.fail(`${step.verb}: unknown flag '${a}' (off, ${Object.keys(DEBUG_FLAG_BITS).join(', ')}, drN=VALUE)`);
  if (step.args.includes('off') && (step.args.length > 1 || Object.keys(step.named).length > 0)) p.fail(`${step.verb}: 'off' takes nothing else`);
  for (const [k, v] of Object.entries(step.named)) if (parseU64(v) === undefined) p.fail(`${step.verb}: invalid value '${v}' for ${k}`);
};

export const STEP_VERBS: Readonly<Record<string, StepSpec>> = {
  answer: { args: [1, 1], named: [], usage: 'answer VALUE (for an IN, an MMIO read, an RDMSR or a hypercall exit)', validate: numbers },
  stop: { args: [0, 0], named: [], usage: 'stop (end the run at this exit)' },
  continue: { args: [0, 0], named: [], usage: 'continue (resume the guest after this exit)' },
  'add-slot': { args: [1, 3], named: ['gpa', 'size'], usage: 'add-slot ID|nr-memslots gpa=ADDR size=BYTES [readonly] [dirty-log]', validate: addSlot },
  'delete-slot': { args: [1, 1], named: [], usage: 'delete-slot ID', validate: numbers },
  'move-slot': { args: [2, 2], named: [], usage: 'move-slot ID GPA', validate: numbers },
  'dirty-log': { args: [1, 1], named: ['pages'], usage: 'dirty-log ID pages=N,N,...|none (KVM_GET_DIRTY_LOG must show exactly these)', validate: pageOption },
  'clear-dirty-log': { args: [1, 1], named: ['pages'], usage: 'clear-dirty-log ID pages=N,N,... (KVM_CLEAR_DIRTY_LOG over the whole slot)', validate: pageOption },
  'dirty-ring': {
    args: [1, 1], named: ['pages'], validate: pageOption,
    usage: 'dirty-ring ID pages=N,N,...|none (vCPU 0\'s dirty ring must hold exactly these pages of slot ID since the last harvest; they are then harvested)',
  },
  'reset-dirty-rings': { args: [0, 1], named: [], usage: 'reset-dirty-rings [COUNT] (KVM_RESET_DIRTY_RINGS resets COUNT harvested entries and clears them)', validate: numbers },
  'immediate-exit': { args: [0, 0], named: ['rip'], usage: 'immediate-exit [rip=ADDR] (KVM_RUN with immediate_exit set returns EINTR, twice, with RIP at ADDR)', validate: numbers },
  'set-regs': { args: [0, 0], named: ['*'], usage: 'set-regs NAME=VALUE ...', validate: registers },
  'check-regs': { args: [0, 0], named: ['*'], usage: 'check-regs NAME=VALUE ...', validate: registers },
  'set-sregs': { args: [0, 0], named: ['*'], usage: 'set-sregs NAME=VALUE ... (KVM_SET_SREGS over the current sregs; with errno=E it must fail)', validate: sregisters },
  'check-sregs': { args: [0, 0], named: ['*'], usage: 'check-sregs NAME=VALUE ... (KVM_GET_SREGS)', validate: sregisters },
  interrupt: { args: [1, 1], named: [], usage: 'interrupt VECTOR (KVM_INTERRUPT)', validate: numbers },
  nmi: { args: [0, 0], named: [], usage: 'nmi (KVM_NMI)' },
  'irq-line': { args: [2, 2], named: [], usage: 'irq-line GSI LEVEL (KVM_IRQ_LINE)', validate: numbers },
  'signal-msi': { args: [2, 2], named: [], usage: 'signal-msi ADDRESS DATA (KVM_SIGNAL_MSI; must be delivered)', validate: numbers },
  'irq-window': { args: [1, 1], named: [], usage: 'irq-window on|off (request_interrupt_window)', validate: onOff },
  exception: { args: [1, 1], named: ['error_code'], usage: 'exception VECTOR [error_code=N] (KVM_SET_VCPU_EVENTS: an injected exception)', validate: numbers },
  'check-events': { args: [0, 0], named: ['*'], usage: 'check-events exception.nr=6 nmi.pending=0 flags=0x20/0x20 ... (KVM_GET_VCPU_EVENTS; /MASK compares those bits)', validate: eventFields(true) },
  'set-events': {
    args: [0, 0], named: ['*'], usage: 'set-events triple_fault.pending=1 ... (KVM_SET_VCPU_EVENTS over the current events, with each field\'s KVM_VCPUEVENT_VALID_* flag)',
    validate: eventFields(false),
  },
  'setup-mce': { args: [1, 1], named: [], usage: 'setup-mce MCG_CAP (KVM_X86_SETUP_MCE: bank count in bits 7:0)', validate: numbers },
  mce: {
    args: [1, 1], named: ['status', 'addr', 'misc', 'mcg_status'],
    usage: 'mce BANK status=V [addr=V] [misc=V] [mcg_status=V] (KVM_X86_SET_MCE)', validate: numbers,
  },
  smi: { args: [0, 0], named: [], usage: 'smi (KVM_SMI)' },
  'enable-cap': { args: [1, 5], named: [], usage: 'enable-cap KVM_CAP_NAME [ARG ...] (KVM_ENABLE_CAP on the VM at that moment)', validate: capArgs },
  'check-msrs': { args: [0, 64], named: ['*'], usage: 'check-msrs INDEX=VALUE ... (KVM_GET_MSRS)', validate: msrValues },
  'msr-error': { args: [0, 0], named: [], usage: 'msr-error (answer an RDMSR/WRMSR exit with error=1: the guest takes #GP)' },
  debug: {
    args: [1, 6], named: ['dr0', 'dr1', 'dr2', 'dr3', 'dr6', 'dr7'],
    usage: 'debug off|FLAG... [drN=VALUE] (KVM_SET_GUEST_DEBUG; flags as in debug:)', validate: debugWords,
  },
};

/** Splits `pages=0,3,5` into numbers; `none` is the empty list. */
export function pageList(text: string): number[] {
  return text === 'none' ? [] : text.split(',').map((x) => Number(parseU64(x)));
}

