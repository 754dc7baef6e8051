// The unittest `kvmctl new` writes: a header that passes as written, and a commented example of every
// key and every expectation the parser accepts. The example tables are typed by the parser's own key
// tables, so a key added there does not compile until it has an example here.
import type { Mode } from '../machine/layout.js';
import { EXPECT_KINDS, HEADER_KEYS, type ExpectKind, type HeaderKey } from './header.js';

/** Keys written as active lines; every other key is a commented example. */
const ACTIVE: ReadonlySet<HeaderKey> = new Set(['feature', 'groups', 'mode', 'timeout']);
const ACTIVE_EXPECT: ReadonlySet<ExpectKind> = new Set(['final', 'regs']);

/** `expect:` values by kind. */
const EXPECTATIONS: Record<ExpectKind, string> = {
  exit: 'exit io direction=out port=0x80 size=1 count=1 data=0x41',
  final: 'final hlt',
  status: 'status 0',
  regs: 'regs rax=0x2a',
  sregs: 'sregs cr0=0x80000001/0x80000001 efer=0x500',
  mem: 'mem 0x3000 u32=0x12345678',
  console: 'console "hello\\n"',
  'console-includes': 'console-includes "hello"',
};

/** Values by key: one line each, or several for keys that repeat; `expect:` has one per kind. */
const EXAMPLES: Record<HeaderKey, string[]> = {
  feature: ['KVM_EXIT_HLT - say here which ioctl or exit this test exercises, in one line'],
  groups: ['exits'],
  timeout: ['5'],
  requires: ['KVM_CAP_READONLY_MEM KVM_CAP_NR_MEMSLOTS>=32', 'vendor=intel cpuid=avx host-cpu=xsave'],
  vcpus: ['2'],
  mode: ['long'],
  mem: ['4M'],
  load: ['0x2000'],
  entry: ['0x2000'],
  slot: ['1 gpa=0x40000000 size=64K readonly fill=0xaa', '2 gpa=0x40010000 size=4K dirty-log data=41424344'],
  reg: ['rbx=0x1234 rsi=7'],
  sreg: ['cr4=0x620 cs.base=0 gdt.limit=0x3f'],
  cpuid: ['0x40000000 eax=0x40000001 ebx=0x4b4d564b', 'hyperv'],
  msr: ['0x174=0x10 0x175=0x8000'],
  debug: ['hw-bp dr0=0x1004 dr7=0x1'],
  'enable-cap': ['KVM_CAP_X86_USER_SPACE_MSR 0x7'],
  irqchip: ['yes'],
  on: [
    'start => set-regs rcx=5',
    'checkpoint 1 => dirty-log 2 pages=0; delete-slot 1',
    'in 0x60 => answer 0x1234',
    'mmio-read 0x50000000 => answer 0xdeadbeef',
    'exit hlt #1 => interrupt 0x20; continue',
    'end => check-msrs 0x174=0x10',
  ],
  expect: EXPECT_KINDS.map((k) => EXPECTATIONS[k]),
  exits: ['exact'],
};

const line = (key: string, value: string) => `${`${key}:`.padEnd(11)} ${value}`;

export function skeleton(mode: Mode): string {
  const all = (Object.keys(HEADER_KEYS) as HeaderKey[]).flatMap((key) => (key === 'mode' ? [mode] : EXAMPLES[key]).map((value) => ({ key, value })));
  const isActive = ({ key, value }: { key: HeaderKey; value: string }) =>
    key === 'expect' ? ACTIVE_EXPECT.has(value.split(' ')[0] as ExpectKind) : ACTIVE.has(key);
  const active = all.filter(isActive);
  return [
    '/*',
    ...active.filter((l) => l.key !== 'expect').map((l) => ` * ${line(l.key, l.value)}`),
    ' *',
    ' * # Every other key, by example: delete the "# " of the lines the test needs (the README explains each).',
    ' * # `expect: status` is an alternative to `expect: final`, and `console-includes` to `console`.',
    ...all.filter((l) => !isActive(l)).map((l) => ` * # ${line(l.key, l.value)}`),
    ' *',
    ...active.filter((l) => l.key === 'expect').map((l) => ` * ${line(l.key, l.value)}`),
    ' */',
    '\t.include "testdev.inc"',
    '',
    '\tmov\t$42, %eax',
    '\thlt',
    '',
  ].join('\n');
}
