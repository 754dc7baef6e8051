// The words a header may use: exit reasons, and the host steps with their arity and options.
import { CONTROL_NAMES, SEGMENT_NAMES } from '../abi/structs.js';
import { isRegName, parseU64 } from '../util/parse.js';
import type { Step } from './spec.js';

export const EXIT_NAMES = [
  'hlt', 'io', 'mmio', 'shutdown', 'fail_entry', 'internal_error', 'debug', 'exception', 'timeout', 'status',
  'irq_window_open', 'system_event', 'rdmsr', 'wrmsr', 'hypercall', 'kvm_exception', 'unknown',
];

interface StepSpec {
  /** Minimum and maximum positional arguments. */
  args: [number, number];
  /** Allowed NAME=VALUE options ('*' = any register name, checked by validate). */
  named: string[];
  usage: string;
  validate?: (step: Step, p: { fail: (m: string) => never }) => void;
}

/** Words a step accepts in place of a number. */
const KEYWORDS = ['readonly', 'dirty-log', 'on', 'off', 'nr-memslots'];
const numbers = (step: Step, p: { fail: (m: string) => never }) => {
  for (const a of step.args) if (parseU64(a) === undefined && !KEYWORDS.includes(a)) p.fail(`${step.verb}: invalid number '${a}'`);
  for (const [k, v] of Object.entries(step.named)) if (k !== 'pages' && parseU64(v) === undefined) p.fail(`${step.verb}: invalid number '${v}' for ${k}`);
};
const registers = (step: Step, p: { fail: (m: string) => never }) => {
  for (const [k, v] of Object.entries(step.named)) {
    if (!isRegName(k)) p.fail(`${step.verb}: unknown register '${k}'`);
    if (parseU64(v) === undefined) p.fail(`${step.verb}: invalid value '${v}' for ${k}`);
  }
  if (Object.keys(step.named).length === 0) p.fail(`${step.verb}: expected NAME=VALUE ...`);
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

export const STEP_VERBS: Readonly<Record<string, StepSpec>> = {
  answer: { args: [1, 1], named: [], usage: 'answer VALUE (for an IN or an MMIO read)', validate: numbers },
  stop: { args: [0, 0], named: [], usage: 'stop (end the run at this exit)' },
  continue: { args: [0, 0], named: [], usage: 'continue (resume the guest after this exit)' },
  'add-slot': { args: [1, 3], named: ['gpa', 'size'], usage: 'add-slot ID|nr-memslots gpa=ADDR size=BYTES [readonly] [dirty-log]', validate: numbers },
  'delete-slot': { args: [1, 1], named: [], usage: 'delete-slot ID', validate: numbers },
  'move-slot': { args: [2, 2], named: [], usage: 'move-slot ID GPA', validate: numbers },
  'dirty-log': { args: [1, 1], named: ['pages'], usage: 'dirty-log ID pages=N,N,...|none (KVM_GET_DIRTY_LOG must show exactly these)', validate: pageOption },
  'clear-dirty-log': { args: [1, 1], named: ['pages'], usage: 'clear-dirty-log ID pages=N,N,... (KVM_CLEAR_DIRTY_LOG over the whole slot)', validate: pageOption },
  'immediate-exit': { args: [0, 0], named: ['rip'], usage: 'immediate-exit [rip=ADDR] (KVM_RUN with immediate_exit set returns EINTR, twice, with RIP at ADDR)', validate: numbers },
  'set-regs': { args: [0, 0], named: ['*'], usage: 'set-regs NAME=VALUE ...', validate: registers },
  'check-regs': { args: [0, 0], named: ['*'], usage: 'check-regs NAME=VALUE ...', validate: registers },
  'set-sregs': { args: [0, 0], named: ['*'], usage: 'set-sregs NAME=VALUE ... (KVM_SET_SREGS over the current sregs; with errno=E it must fail)', validate: sregisters },
  'check-sregs': { args: [0, 0], named: ['*'], usage: 'check-sregs NAME=VALUE ... (KVM_GET_SREGS)', validate: sregisters },
  interrupt: { args: [1, 1], named: [], usage: 'interrupt VECTOR (KVM_INTERRUPT)', validate: numbers },
  nmi: { args: [0, 0], named: [], usage: 'nmi (KVM_NMI)' },
  'irq-line': { args: [2, 2], named: [], usage: 'irq-line GSI LEVEL (KVM_IRQ_LINE)', validate: numbers },
  'irq-window': { args: [1, 1], named: [], usage: 'irq-window on|off (request_interrupt_window)' },
};

/** Splits `pages=0,3,5` into numbers; `none` is the empty list. */
export function pageList(text: string): number[] {
  return text === 'none' ? [] : text.split(',').map((x) => Number(parseU64(x)));
}

