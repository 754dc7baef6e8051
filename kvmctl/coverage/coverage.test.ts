// kvmctl coverage without a KVM: its tables against what they describe, the declaration rules on small
// headers, known facts of the real catalogue (unittests/x86, with its host files), the ratio, and the
// command's input and host errors. bin/coverage.test.ts runs the command on a real KVM.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { CAPABILITIES } from '../engine/abi/capabilities.js';
import { IOCTLS } from '../engine/abi/ioctls.js';
import { System } from '../engine/kvm/system.js';
import { Vcpu } from '../engine/kvm/vcpu.js';
import { Vm } from '../engine/kvm/vm.js';
import { parseHeader } from '../harness/header.js';
import { STEP_VERBS } from '../harness/vocabulary.js';
import { findTestFiles, loadSpecs } from '../suite/discover.js';
import { assertOneLineError, nodeChild, CLI, ROOT, runCases, scratchDir, unittestText, type ErrorCase } from '../../dev/testdata/helpers.js';
import { computeCoverage, declareSuite, formatCoverage, ratioLine, type CapabilityAnswer, type Coverage, type TestDeclarations } from './coverage.js';
import { featureNames, hostFileDeclarations, testDeclarations, type Declaration } from './declarations.js';
import { NOT_TESTABLE } from './not-testable.js';
import { ENGINE_IOCTLS, IOCTL_CAPS, STEP_USES } from './tables.js';

const isCap = (n: string) => Object.hasOwn(CAPABILITIES, n);
const isIoctl = (n: string) => Object.hasOwn(IOCTLS, n);

t.test('the not-testable table: real capabilities, each with a one-line reason', async (t) => {
  t.ok(Object.keys(NOT_TESTABLE).length > 0, 'it has entries');
  for (const [cap, reason] of Object.entries(NOT_TESTABLE)) {
    t.ok(isCap(cap), `${cap} is in kvmctl/engine/abi/capabilities.ts`);
    t.match(reason, /^[^\n]{20,160}$/, `${cap}: one line of reason`);
  }
  for (const kept of ['KVM_CAP_USER_NMI', 'KVM_CAP_INTERNAL_ERROR_DATA', 'KVM_CAP_SYNC_MMU', 'KVM_CAP_HLT']) {
    t.notOk(Object.hasOwn(NOT_TESTABLE, kept), `${kept} has behaviour of its own: testable`);
  }
});

t.test('IOCTL_CAPS: every ioctl kvmctl knows, each with a real capability or none', async (t) => {
  for (const name of Object.keys(IOCTLS)) t.ok(Object.hasOwn(IOCTL_CAPS, name), `${name} has an entry`);
  for (const [name, cap] of Object.entries(IOCTL_CAPS)) if (cap !== null) t.ok(isCap(cap), `${name}: ${cap} is a capability`);
  t.equal(IOCTL_CAPS.KVM_IRQFD, 'KVM_CAP_IRQFD');
  t.equal(IOCTL_CAPS.KVM_RUN, null, 'KVM_RUN is basic');
});

/** The public members of a class whose source is kvmctl/engine/kvm/FILE.ts (TypeScript's private ones are on the prototype too). */
function publicMembers(cls: { prototype: object }, file: string): string[] {
  const source = readFileSync(join(ROOT, 'kvmctl', 'engine', 'kvm', `${file}.ts`), 'utf8');
  const hidden = new Set([...source.matchAll(/^\s*private\s+(?:readonly\s+)?(\w+)/gm)].map((m) => m[1]));
  const statics = Object.getOwnPropertyNames(cls).filter((n) => !['length', 'name', 'prototype'].includes(n));
  return [...Object.getOwnPropertyNames(cls.prototype), ...statics].filter((n) => n !== 'constructor' && !hidden.has(n));
}

t.test('ENGINE_IOCTLS: every public method of System, Vm and Vcpu, as its doc comment names the ioctls', async (t) => {
  const classes = { System: [System, 'system'], Vm: [Vm, 'vm'], Vcpu: [Vcpu, 'vcpu'] } as const;
  for (const [name, [cls, file]] of Object.entries(classes)) {
    const table = ENGINE_IOCTLS[name as keyof typeof classes];
    const members = publicMembers(cls, file);
    t.ok(members.length > 5, `${name} has ${members.length} public members`);
    for (const m of members) t.ok(Object.hasOwn(table, m), `${name}.${m} is in the table`);
    const source = readFileSync(join(ROOT, 'kvmctl', 'engine', 'kvm', `${file}.ts`), 'utf8');
    for (const [m, ioctls] of Object.entries(table)) {
      for (const i of ioctls) t.ok(isIoctl(i), `${name}.${m}: ${i} is in ioctls.ts`);
      if (!members.includes(m)) continue; // an entry for a method the engine does not have (yet) is harmless
      const doc = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*(?:static\\s+|get\\s+|set\\s+)*${m}\\s*[(<]`).exec(source)?.[1];
      if (ioctls.length === 0) continue;
      t.ok(doc, `${name}.${m} has a doc comment`);
      for (const i of ioctls) t.match(doc ?? '', new RegExp(`\\b${i}\\b`), `${name}.${m}'s doc comment names ${i}`);
    }
  }
});

t.test('STEP_USES: every host-action verb, with real ioctls', async (t) => {
  for (const verb of Object.keys(STEP_VERBS)) t.ok(Object.hasOwn(STEP_USES, verb), `on: ${verb} is in the table`);
  for (const [verb, use] of Object.entries(STEP_USES)) {
    for (const i of [use.ioctl, ...(use.also ?? [])].filter((x) => x !== undefined)) t.ok(isIoctl(i!), `${verb}: ${i} is in ioctls.ts`);
  }
});

t.test('feature lines: the names they state, the slash forms, and not what a test does without', async (t) => {
  t.same(featureNames('KVM_SET/GET_XCRS - XCR0 round trip'), ['KVM_SET_XCRS', 'KVM_GET_XCRS']);
  t.same(featureNames('KVM_IRQFD - with KVM_CAP_IRQFD and KVM_IRQFD_FLAG_DEASSIGN'), ['KVM_IRQFD', 'KVM_CAP_IRQFD'], 'flags and exits are no capability or ioctl');
  t.same(featureNames('KVM_CAP_SYNC_REGS - RAX reaches the guest without KVM_SET_REGS'), ['KVM_CAP_SYNC_REGS']);
  t.same(featureNames('KVM_EXIT_HLT - no ioctl named'), []);
});

/** The declarations of a header given as lines (and a host file's text). */
const declared = (header: string[], host?: string): Declaration[] =>
  testDeclarations(parseHeader('rule.S', unittestText(header, ['hlt'])), host);
const has = (ds: Declaration[], name: string, asserts: boolean) => ds.some((d) => d.name === name && d.asserts === asserts);
const covers = (ds: Declaration[], name: string) => has(ds, name, true);

t.test('declarations: what counts as asserting a capability or ioctl, and what is only set-up', async (t) => {
  const feature = declared(['feature: KVM_IRQFD - an eventfd injects a GSI']);
  t.ok(covers(feature, 'KVM_IRQFD'), 'the feature line names the ioctl');
  t.ok(covers(feature, 'KVM_CAP_IRQFD'), '... and so covers the capability that announces it');

  const required = declared(['feature: something', 'requires: KVM_CAP_IRQCHIP', 'irqchip: yes']);
  t.ok(covers(required, 'KVM_CAP_IRQCHIP'), 'requires: counts');
  t.ok(has(required, 'KVM_CREATE_IRQCHIP', false) && !covers(required, 'KVM_CREATE_IRQCHIP'), 'irqchip: yes is set-up for KVM_CREATE_IRQCHIP');

  const setupOnly = declared(['feature: something', 'irqchip: yes', 'debug: singlestep', 'cpuid: 7.0 ebx=0', 'cpuid: hyperv', 'msr: 0x174=1',
    'slot: 1 gpa=0x400000 size=4K readonly dirty-log', 'vcpus: 2']);
  t.notOk(setupOnly.some((d) => d.asserts), 'irqchip, debug, cpuid, msr, slot and vcpus assert nothing');
  for (const n of ['KVM_CAP_IRQCHIP', 'KVM_SET_GUEST_DEBUG', 'KVM_CAP_SET_GUEST_DEBUG', 'KVM_SET_CPUID2', 'KVM_SET_MSRS',
    'KVM_SET_USER_MEMORY_REGION', 'KVM_CAP_READONLY_MEM', 'KVM_CREATE_VCPU', 'KVM_CAP_MAX_VCPUS', 'KVM_GET_SUPPORTED_HV_CPUID']) t.ok(has(setupOnly, n, false), `${n} is set-up`);

  const enabled = declared(['feature: something', 'enable-cap: KVM_CAP_X86_USER_SPACE_MSR 0x4']);
  t.ok(covers(enabled, 'KVM_CAP_X86_USER_SPACE_MSR'), 'enable-cap: counts for the capability');
  t.ok(has(enabled, 'KVM_ENABLE_CAP', false) && !covers(enabled, 'KVM_CAP_ENABLE_CAP_VM'), 'its KVM_ENABLE_CAP is set-up');

  const steps = declared(['feature: something', 'on: start => add-slot 2 gpa=0x1000 size=4096 errno=EEXIST',
    'on: start => add-slot nr-memslots gpa=0x400000 size=4096 errno=EINVAL', 'on: end => check-events nmi.pending=0',
    'on: checkpoint 1 => interrupt 0x20; set-regs rax=1', 'on: checkpoint 2 => add-slot 3 gpa=0x500000 size=4K']);
  t.ok(covers(steps, 'KVM_SET_USER_MEMORY_REGION'), 'a step with errno= asserts its ioctl');
  t.ok(covers(steps, 'KVM_CAP_NR_MEMSLOTS'), 'add-slot nr-memslots errno=EINVAL asserts the slot limit');
  t.ok(covers(steps, 'KVM_GET_VCPU_EVENTS') && covers(steps, 'KVM_CAP_VCPU_EVENTS'), 'a checking step asserts what it reads');
  t.ok(has(steps, 'KVM_INTERRUPT', false) && !covers(steps, 'KVM_INTERRUPT'), 'an acting step is set-up');
  t.ok(has(steps, 'KVM_SET_REGS', false) && !covers(steps, 'KVM_SET_REGS'), 'set-regs is set-up');

  const host = declared(['feature: something'], [
    "// Host half: KVM_SET_XCRS in a comment is no call, nor is KVM_CAP_HYPERV",
    'const hooks = { setup({ vm, vcpu, system }) { vm.irqfd(fd, 1); vcpu.setXcrs([]); system.readCpuid(IOCTLS.KVM_GET_SUPPORTED_CPUID, 1);',
    "  system.checkExtension('KVM_CAP_COALESCED_MMIO'); local.helper(); } };",
  ].join('\n'));
  t.notOk(host.some((d) => d.asserts), 'a host file asserts nothing by itself');
  for (const n of ['KVM_IRQFD', 'KVM_CAP_IRQFD', 'KVM_SET_XCRS', 'KVM_GET_SUPPORTED_CPUID', 'KVM_CHECK_EXTENSION', 'KVM_CAP_COALESCED_MMIO']) {
    t.ok(has(host, n, false), `the host file uses ${n}`);
  }
  t.notOk(host.some((d) => d.name === 'KVM_CAP_HYPERV'), 'names in comments are not read');
  t.same(hostFileDeclarations('x.run();').map((d) => d.name), ['KVM_RUN'], '.run( is KVM_RUN');
});

// The real catalogue, with every capability reported (value 1) as a host would.
const suite: TestDeclarations[] = declareSuite(loadSpecs(findTestFiles([join(ROOT, 'unittests', 'x86')])));
const everyCap: CapabilityAnswer[] = Object.entries(CAPABILITIES).map(([name, number]) => ({ name, number, value: 1, vmValue: 1 }));
const full: Coverage = computeCoverage(suite, everyCap);
const capRow = (name: string) => full.capabilities.find((r) => r.name === name)!;
const ioctlRow = (name: string) => full.ioctls.find((r) => r.name === name)!;
const tests = (list: Array<{ test: string }>) => list.map((e) => e.test);

t.test('the catalogue: known facts', async (t) => {
  t.ok(suite.length >= 70, `${suite.length} tests`);
  // [capability or ioctl, which list, test, in it?, why]
  const facts: Array<[string, 'tests' | 'setup', string, boolean, string]> = [
    ['KVM_CAP_IRQFD', 'tests', 'irqfd', true, 'irqfd covers KVM_CAP_IRQFD'],
    ['KVM_IRQFD', 'tests', 'irqfd', true, 'irqfd asserts KVM_IRQFD'],
    ['KVM_CREATE_IRQCHIP', 'setup', 'irqfd', true, 'irqfd uses KVM_CREATE_IRQCHIP (irqchip: yes) ...'],
    ['KVM_CREATE_IRQCHIP', 'tests', 'irqfd', false, '... only as set-up'],
    ['KVM_SET_XCRS', 'tests', 'xcrs-xgetbv', true, 'xcrs-xgetbv asserts KVM_SET_XCRS'],
    ['KVM_SET_XCRS', 'setup', 'xsave-avx', true, 'xsave-avx calls it in its host file, as set-up ...'],
    ['KVM_SET_XCRS', 'tests', 'xsave-avx', false, '... which does not count'],
    ['KVM_CAP_MAX_VCPUS', 'setup', 'smp-ipi', true, 'smp-ipi needs two vCPUs (KVM_CAP_MAX_VCPUS) ...'],
    ['KVM_CAP_MAX_VCPUS', 'tests', 'smp-ipi', false, '... and does not cover the limit'],
    ['KVM_SET_REGS', 'tests', 'sync-regs', false, 'sync-regs works without KVM_SET_REGS: no claim'],
    ['KVM_CAP_NR_MEMSLOTS', 'tests', 'slot-errors', true, 'slot-errors asserts the slot limit (errno=EINVAL)'],
    ['KVM_CAP_SET_GUEST_DEBUG', 'tests', 'debug-singlestep', true, 'KVM_SET_GUEST_DEBUG in a feature line covers its capability'],
  ];
  for (const [name, list, test, present, why] of facts) {
    const row = name.startsWith('KVM_CAP_') ? capRow(name) : ioctlRow(name);
    t.equal(tests(row[list]).includes(test), present, why);
  }
  t.ok(capRow('KVM_CAP_IRQFD').tests.find((e) => e.test === 'irqfd')!.via.includes('requires'), 'the evidence names the declaration');
  for (const row of full.capabilities) t.equal(row.status === 'covered', row.tests.length > 0 && !Object.hasOwn(NOT_TESTABLE, row.name), `${row.name}: ${row.status}`);
});

t.test('the ratio: reported and testable capabilities, covered ones, and the last line', async (t) => {
  const decl = (kind: Declaration['kind'], name: string, asserts: boolean, via: string): Declaration => ({ kind, name, asserts, via });
  const mini: TestDeclarations[] = [
    { test: 'b-test', declarations: [decl('cap', 'KVM_CAP_MAX_VCPUS', false, 'vcpus'), decl('ioctl', 'KVM_IRQFD', true, 'feature')] },
    { test: 'a-test', declarations: [decl('cap', 'KVM_CAP_IRQFD', true, 'requires'), decl('cap', 'KVM_CAP_JOIN_MEMORY_REGIONS_WORKS', true, 'requires')] },
  ];
  const answers: CapabilityAnswer[] = [
    { name: 'KVM_CAP_IRQFD', number: 32, value: 1, vmValue: 1 }, // covered by a-test
    { name: 'KVM_CAP_MCE', number: 31, value: 0, vmValue: 32 }, // the VM's answer alone reports it
    { name: 'KVM_CAP_JOIN_MEMORY_REGIONS_WORKS', number: 30, value: 1, vmValue: null }, // not testable, whatever claims it
    { name: 'KVM_CAP_HYPERV', number: 44, value: 0, vmValue: 0 }, // not reported
    { name: 'KVM_CAP_MAX_VCPUS', number: 66, value: 1024, vmValue: 710 }, // set-up only
  ];
  const c = computeCoverage(mini, answers);
  t.same(c.capabilities.map((r) => [r.name, r.status]), [
    ['KVM_CAP_JOIN_MEMORY_REGIONS_WORKS', 'not testable'], ['KVM_CAP_MCE', 'untested'], ['KVM_CAP_IRQFD', 'covered'], ['KVM_CAP_MAX_VCPUS', 'untested'],
  ], 'the reported ones, by number');
  t.same(c.capabilities.find((r) => r.name === 'KVM_CAP_MAX_VCPUS')!.setup, [{ test: 'b-test', via: ['vcpus'] }], 'set-up apart, with its declaration');
  t.match(c, { covered: 1, testable: 3, reported: 4, not_testable: 1, percent: 33.3, ioctls_asserted: 1 });
  t.equal(c.ioctls.length, Object.keys(IOCTLS).length, 'every ioctl, tested or not');
  t.equal(ratioLine(c), 'coverage: 1 of 3 testable capabilities covered (33.3%); 4 reported, 1 not testable');
  const text = formatCoverage({ device: '/dev/kvm', host_key: { module: 'kvm_amd', kernel: '6.1.0', vendor: 'amd', cpu: 'tcg' }, suite: 'unittests',
    tests: mini.length, vm_checked: true, coverage: c });
  const lines = text.trimEnd().split('\n');
  t.equal(lines[0], 'kvmctl coverage: 2 unittests in unittests, on kvm_amd 6.1.0 amd tcg (/dev/kvm)');
  t.equal(lines.at(-1), ratioLine(c), 'the report ends with the ratio');
  t.match(text, /^ {2}KVM_CAP_MAX_VCPUS\s+66 {2}1024 \(VM 710\) {2}untested \(set-up: b-test\)$/m, 'the VM\'s differing answer, and set-up apart');
  t.match(text, /^ {2}KVM_CAP_IRQFD\s+32 {2}1\s+a-test$/m, 'a covered capability with its test');
  t.match(text, /^ {2}KVM_CAP_JOIN_MEMORY_REGIONS_WORKS\s+30 {2}1\s+not testable: announces "another bug/m, 'the reason of a not-testable capability');
  t.match(text, /^ {2}KVM_IRQFD\s+KVM_CAP_IRQFD\s+b-test$/m, 'each ioctl with its capability and tests');
  t.match(text, /^ {2}KVM_RUN\s+-\s+untested$/m, 'a basic ioctl no test asserts');
  t.match(text, /^ioctls asserted by a test: 1 of \d+$/m);
  t.equal(computeCoverage([], []).percent, 0, 'nothing testable: 0%');
});

t.test('the command: a bad flag is 2, a malformed test 2 before the host, no device 3', async (t) => {
  const missing = join(scratchDir(), 'none', 'kvm');
  const cases: ErrorCase[] = [
    { name: 'unknown flag', args: ['coverage', '--bogus'], code: 2, message: /Unknown argument: bogus/ },
    { name: 'no device', args: ['coverage'], env: { KVMCTL_DEVICE: missing }, code: 3, message: /does not exist: load the KVM module/ },
  ];
  const results = await runCases(cases);
  cases.forEach((c, i) => t.test(c.name, async (t) => assertOneLineError(t, c, results[i])));

  const dir = scratchDir();
  mkdirSync(join(dir, 'unittests'));
  writeFileSync(join(dir, 'unittests', 'broken.S'), unittestText(['feature: x', 'mode: sideways'], ['hlt']));
  const [cmd, argv] = nodeChild([CLI, 'coverage']);
  const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(cmd, argv, { cwd: dir, env: { ...process.env, KVMCTL_DEVICE: missing }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b));
    child.on('close', (code) => resolve({ code, stderr }));
  });
  t.equal(r.code, 2, './unittests/broken.S is an input error, checked before /dev/kvm');
  t.match(r.stderr, /^kvmctl: unittests\/broken\.S:3: unknown mode 'sideways'/);
});
