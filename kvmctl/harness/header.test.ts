// The header rejects, at parse time and at its line, what could only fail (or silently never match)
// at run time: exit fields an exit does not have, values a field cannot take, flags a step does not know.
import t, { type Test } from 'tap';
import { InputError } from '../errors.js';
import { EXIT_FIELDS } from '../machine/trace.js';
import { parseHeader } from './header.js';

const FILE = 'unittests/x86/t.S';
/** The header of the given lines (line 2 is the feature, so the first given line is line 3). */
const text = (...lines: string[]) => ['/*', ' * feature: a header test', ...lines.map((l) => ` * ${l}`), ' */', '\thlt', ''].join('\n');
const parse = (...lines: string[]) => parseHeader(FILE, text(...lines));
/** The lines must not parse: an InputError whose message is `message` (whole, as a string) or matches it. */
function rejects(t: Test, lines: string[], message: RegExp | string, what: string): void {
  try {
    parse(...lines);
    t.fail(`${what}: parsed`);
  } catch (e) {
    t.ok(e instanceof InputError, `${what}: an InputError (exit 2)`);
    if (typeof message === 'string') t.equal((e as Error).message, message, what);
    else t.match((e as Error).message, message, what);
  }
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SAMPLE: Record<string, string> = { direction: 'out', write: 'true', is_write: 'false', name: '#GP', suberror_name: 'EMULATION', data: '0x41' };

t.test('a misspelled exit field is an input error at its line, naming the fields there are', async (t) => {
  rejects(t, ['expect: exit io dirction=out port=0x80'], `${FILE}:3: exit io: unknown field 'dirction' (direction, port, size, count, data_offset, data, vcpu)`, 'the issue\'s example');
  for (const [reason, fields] of Object.entries(EXIT_FIELDS)) {
    const has = Object.keys(fields);
    // vcpu= picks the vCPU of an `exit` line; a `final` line takes none (the final exit is vCPU 0's)
    const names = {
      exit: has.length ? [...has, 'vcpu'].join(', ') : `${reason} has no fields besides vcpu`,
      final: has.length ? has.join(', ') : `${reason} has no fields`,
    };
    for (const kind of ['exit', 'final'] as const) {
      rejects(t, ['mode: long', `expect: ${kind} ${reason} bogus=1`], new RegExp(`^${esc(FILE)}:4: exit ${reason}: unknown field 'bogus' \\(${esc(names[kind])}\\)$`), `${kind} ${reason}`);
    }
    const all = Object.keys(fields).map((f) => `${f}=${SAMPLE[f] ?? '1'}`).join(' ');
    t.doesNotThrow(() => parse(`expect: exit ${reason} ${all}`), `exit ${reason} takes ${all || 'no fields'}`);
    t.doesNotThrow(() => parse(`expect: final ${reason} ${all}`), `final ${reason} takes ${all || 'no fields'}`);
  }
});

t.test('a field value the exit can never have is an input error', async (t) => {
  rejects(t, ['expect: exit io direction=output'], `${FILE}:3: exit io: invalid direction 'output' (expected in or out)`, 'direction');
  rejects(t, ['expect: exit mmio write=1'], `${FILE}:3: exit mmio: invalid write '1' (expected true or false)`, 'write is true or false');
  rejects(t, ['expect: exit io port=0x8O'], `${FILE}:3: exit io: invalid port '0x8O' (expected a number)`, 'a number');
  rejects(t, ['expect: exit io data=xyz'], `${FILE}:3: exit io: invalid data 'xyz' (expected a number or hex bytes)`, 'io data');
  rejects(t, ['expect: exit io port=1 port=2'], `${FILE}:3: exit io: field 'port' given twice`, 'a field twice');
  t.same(parse('expect: exit io direction=out data=41424344').expect.exits[0].fields, [['direction', 'out'], ['data', '41424344']], 'string OUT data as hex bytes');
  t.same(parse('vcpus: 2', 'expect: exit hlt vcpu=1').expect.exits[0].vcpu, 1, 'vcpu= is not a field');
});

t.test('final takes no vcpu=: only vCPU 0\'s final exit is checked, so another would be ignored', async (t) => {
  const why = "no vcpu= here, the final exit is vCPU 0's (for another vCPU's exits: expect: exit hlt ... vcpu=N)";
  rejects(t, ['vcpus: 2', 'expect: final hlt vcpu=1'], `${FILE}:4: final hlt: ${why}`, 'vcpu=1, at its line');
  rejects(t, ['expect: final hlt vcpu=0'], `${FILE}:3: final hlt: ${why}`, 'vcpu=0 too: one rule, no exception');
  rejects(t, ['vcpus: 2', 'expect: final io port=0x80 vcpu=1'], /^unittests\/x86\/t\.S:4: final io: no vcpu= here/, 'after fields');
  t.same(parse('vcpus: 2', 'expect: final hlt', 'expect: exit hlt vcpu=1').expect.final, { reason: 'hlt', fields: [], vcpu: undefined, line: 4 }, 'final without vcpu= still parses');
});

t.test('an exit trigger names a known reason', async (t) => {
  rejects(t, ['on: exit halt => continue'], /^unittests\/x86\/t\.S:3: unknown exit reason 'halt' \(hlt, io, /, 'on: exit');
});

t.test('steps, sregs and the single keys: the gaps that used to parse', async (t) => {
  rejects(t, ['on: start => irq-window maybe'], `${FILE}:3: irq-window: expected on or off, got 'maybe'`, 'irq-window on|off');
  rejects(t, ['on: start => add-slot 1 gpa=0x400000 size=4K readonli'], `${FILE}:3: add-slot: unknown flag 'readonli' (readonly, dirty-log)`, 'add-slot flags');
  rejects(t, ['on: start => delete-slot readonly'], `${FILE}:3: delete-slot: invalid number 'readonly'`, 'a flag is not a slot number');
  t.doesNotThrow(() => parse('on: start => add-slot nr-memslots gpa=0x400000 size=4K readonly dirty-log errno=EINVAL'), 'add-slot with every flag');
  rejects(t, ['expect: sregs cs.bsae=0'], /^unittests\/x86\/t\.S:3: unknown special register 'cs\.bsae' \(cr0, /, 'sregs fields');
  rejects(t, ['sreg: gdt.selector=0'], /^unittests\/x86\/t\.S:3: unknown special register 'gdt\.selector' \(cr0, /, 'sreg fields');
  rejects(t, ['debug: singlestep', 'debug: sw-bp'], `${FILE}:4: duplicate key 'debug' (first on line 3)`, 'debug: once (a second line used to replace the first)');
  rejects(t, ['expect: console "a"', 'expect: console-includes "b"'], `${FILE}:4: duplicate console expectation (first on line 3)`, 'one console expectation');
  rejects(t, ['expect: frob'], /unknown expectation 'frob' \(exit, final, status, regs, sregs, mem, console, console-includes\)/, 'expectation kinds');
});

t.test('requires: a bitmask capability with &BITS', async (t) => {
  t.same(parse('requires: KVM_CAP_X86_DISABLE_EXITS&0x2').requires, [{ kind: 'cap', name: 'KVM_CAP_X86_DISABLE_EXITS', min: 1, bits: 2, line: 3 }], '&0x2');
  rejects(t, ['requires: KVM_CAP_X86_DISABLE_EXITS&0'], /^unittests\/x86\/t\.S:3: /, 'no bits');
  rejects(t, ['requires: KVM_CAP_X86_DISABLE_EXITS&x'], /^unittests\/x86\/t\.S:3: unknown requirement 'KVM_CAP_X86_DISABLE_EXITS&x' \(KVM_CAP_NAME\[>=N\|&BITS\]/, 'not a number');
});

t.test('cpuid: hyperv asks for the Hyper-V leaves, once, beside ordinary cpuid: lines', async (t) => {
  const spec = parse('cpuid: hyperv', 'cpuid: 0x40000003 eax=0x20');
  t.equal(spec.hypervCpuid, 3, 'its line');
  t.same(spec.cpuid, [{ leaf: 0x40000003, index: 0, regs: { eax: 0x20 }, line: 4 }], 'the other line is an entry laid over them');
  t.equal(parse('cpuid: 7.0 ebx=0').hypervCpuid, undefined, 'absent without it');
  rejects(t, ['cpuid: hyperv', 'cpuid: hyperv'], `${FILE}:4: duplicate 'cpuid: hyperv' (first on line 3)`, 'twice');
  rejects(t, ['cpuid: hyper-v'], /^unittests\/x86\/t\.S:3: /, 'a misspelling is an error, not a leaf');
});
