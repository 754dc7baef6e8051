// `kvmctl coverage`: which part of the KVM ABI this host offers, and which unittests exercise it. Every
// capability the host reports (KVM_CHECK_EXTENSION on /dev/kvm and on a VM) and every ioctl kvmctl knows,
// beside the tests that assert it; it ends with the share of the testable capabilities covered.
import { relative } from 'node:path';
import { CAPABILITIES } from '../engine/abi/capabilities.js';
import { IOCTLS } from '../engine/abi/ioctls.js';
import { openSystem } from '../engine/kvm/open.js';
import type { System } from '../engine/kvm/system.js';
import type { Spec } from '../harness/spec.js';
import { formatHostKey, hostKey, type HostKey } from '../host.js';
import { defaultSuiteDir, findTestFiles, loadSpecs } from '../suite/discover.js';
import { declarationsOf, type Declaration } from './declarations.js';
import { NOT_TESTABLE } from './not-testable.js';
import { IOCTL_CAPS } from './tables.js';

/** One test's declarations. */
export interface TestDeclarations {
  test: string;
  declarations: Declaration[];
}

/** What this host answers for one capability: on /dev/kvm, and on a VM (null when no VM was asked). */
export interface CapabilityAnswer {
  name: string;
  number: number;
  value: number;
  vmValue: number | null;
}

/** A test beside a capability or ioctl, with the declarations that put it there. */
export interface Evidence {
  test: string;
  via: string[];
}

export interface CapabilityRow {
  name: string;
  number: number;
  value: number;
  vm_value: number | null;
  status: 'covered' | 'untested' | 'not testable';
  /** Why it is not testable (NOT_TESTABLE). */
  reason?: string;
  /** The tests that assert it. */
  tests: Evidence[];
  /** The tests that only use it in their set-up. */
  setup: Evidence[];
}

export interface IoctlRow {
  name: string;
  number: number;
  /** The capability that announces it; null for the basic ioctls. */
  capability: string | null;
  tests: Evidence[];
  setup: Evidence[];
}

export interface Coverage {
  capabilities: CapabilityRow[];
  ioctls: IoctlRow[];
  /** Testable capabilities with a test that asserts them / testable capabilities reported. */
  covered: number;
  testable: number;
  reported: number;
  not_testable: number;
  percent: number;
  ioctls_asserted: number;
}

/** The declarations of every test, read from its header and host file. */
export const declareSuite = (specs: Spec[]): TestDeclarations[] => specs.map((s) => ({ test: s.name, declarations: declarationsOf(s) }));

/** The tests that assert `name` and the ones that only use it, each with its declarations. */
function evidence(suite: TestDeclarations[], kind: Declaration['kind'], name: string): { tests: Evidence[]; setup: Evidence[] } {
  const tests: Evidence[] = [], setup: Evidence[] = [];
  for (const t of suite) {
    const mine = t.declarations.filter((d) => d.kind === kind && d.name === name);
    const asserting = mine.filter((d) => d.asserts);
    if (asserting.length) tests.push({ test: t.test, via: asserting.map((d) => d.via) });
    else if (mine.length) setup.push({ test: t.test, via: mine.map((d) => d.via) });
  }
  const byName = (a: Evidence, b: Evidence) => a.test.localeCompare(b.test);
  return { tests: tests.sort(byName), setup: setup.sort(byName) };
}

/** Coverage of the capabilities this host reports (a value >= 1 on /dev/kvm or on a VM) and of every ioctl kvmctl knows. */
export function computeCoverage(suite: TestDeclarations[], answers: CapabilityAnswer[]): Coverage {
  const capabilities = answers
    .filter((a) => a.value >= 1 || (a.vmValue ?? 0) >= 1)
    .sort((a, b) => a.number - b.number)
    .map((a): CapabilityRow => {
      const { tests, setup } = evidence(suite, 'cap', a.name);
      const reason = NOT_TESTABLE[a.name];
      const status = reason !== undefined ? 'not testable' : tests.length ? 'covered' : 'untested';
      return { name: a.name, number: a.number, value: a.value, vm_value: a.vmValue, status, ...(reason !== undefined && { reason }), tests, setup };
    });
  const ioctls = Object.keys(IOCTLS).map((name): IoctlRow => ({
    name, number: IOCTLS[name as keyof typeof IOCTLS], capability: Object.hasOwn(IOCTL_CAPS, name) ? IOCTL_CAPS[name] : null, ...evidence(suite, 'ioctl', name),
  }));
  const testable = capabilities.filter((c) => c.status !== 'not testable');
  const covered = testable.filter((c) => c.status === 'covered').length;
  return {
    capabilities, ioctls, covered, testable: testable.length, reported: capabilities.length,
    not_testable: capabilities.length - testable.length,
    percent: testable.length ? Math.round((1000 * covered) / testable.length) / 10 : 0,
    ioctls_asserted: ioctls.filter((i) => i.tests.length > 0).length,
  };
}

/**
 * KVM_CHECK_EXTENSION of every capability kvmctl knows, on /dev/kvm and, when the host has
 * KVM_CAP_CHECK_EXTENSION_VM, on a fresh VM too (a VM may answer differently). A query that fails
 * counts as 0. `vmProblem` says why no VM was asked, if one could not be created.
 */
export function askCapabilities(system: System): { answers: CapabilityAnswer[]; vmChecked: boolean; vmProblem?: string } {
  const ask = (on: { checkExtension(cap: number): number }, nr: number): number => {
    try {
      return on.checkExtension(nr);
    } catch {
      return 0;
    }
  };
  const entries = Object.entries(CAPABILITIES);
  const values = entries.map(([, nr]) => ask(system, nr));
  let vmValues: number[] | undefined;
  let vmProblem: string | undefined;
  if (ask(system, CAPABILITIES.KVM_CAP_CHECK_EXTENSION_VM) >= 1) {
    try {
      const vm = system.createVm();
      try {
        vmValues = entries.map(([, nr]) => ask(vm, nr));
      } finally {
        vm.close();
      }
    } catch (e) {
      vmProblem = `KVM_CREATE_VM failed: ${(e as Error).message}`;
    }
  }
  const answers = entries.map(([name, number], i) => ({ name, number, value: values[i], vmValue: vmValues?.[i] ?? null }));
  return { answers, vmChecked: vmValues !== undefined, ...(vmProblem !== undefined && { vmProblem }) };
}

/** Everything `kvmctl coverage` shows. */
export interface CoverageReport {
  device: string;
  host_key: HostKey;
  /** The unittest folder, and how many tests it has. */
  suite: string;
  tests: number;
  /** Whether the capabilities were also asked on a VM (KVM_CAP_CHECK_EXTENSION_VM), and why not. */
  vm_checked: boolean;
  vm_problem?: string;
  coverage: Coverage;
}

/** The last line: covered / testable, with the counts. */
export const ratioLine = (c: Coverage): string =>
  `coverage: ${c.covered} of ${c.testable} testable capabilities covered (${c.percent.toFixed(1)}%); ${c.reported} reported, ${c.not_testable} not testable`;

/** The human-readable report: the capabilities, the ioctls, then the ratio as the last line. */
export function formatCoverage(r: CoverageReport): string {
  const c = r.coverage;
  const names = (list: Evidence[]) => list.map((e) => e.test).join(' ');
  const beside = (tests: Evidence[], setup: Evidence[]) =>
    `${tests.length ? names(tests) : 'untested'}${setup.length ? ` (set-up: ${names(setup)})` : ''}`;
  const value = (row: CapabilityRow) => `${row.value}${row.vm_value !== null && row.vm_value !== row.value ? ` (VM ${row.vm_value})` : ''}`;
  const capWidth = Math.max(0, ...c.capabilities.map((row) => row.name.length));
  const valueWidth = Math.max(0, ...c.capabilities.map((row) => value(row).length));
  const ioctlWidth = Math.max(0, ...c.ioctls.map((row) => row.name.length));
  const annWidth = Math.max(1, ...c.ioctls.map((row) => (row.capability ?? '').length));
  const asked = r.vm_checked ? 'on /dev/kvm and on a VM, "(VM n)" where the VM answers differently'
    : `on /dev/kvm only (${r.vm_problem ?? 'no KVM_CAP_CHECK_EXTENSION_VM'})`;
  const lines = [
    `kvmctl coverage: ${r.tests} unittests in ${r.suite}, on ${formatHostKey(r.host_key)} (${r.device})`,
    '',
    `capabilities reported with a value >= 1: ${c.reported} (KVM_CHECK_EXTENSION ${asked})`,
    ...c.capabilities.map((row) => `  ${row.name.padEnd(capWidth)}  ${String(row.number).padStart(3)}  ${value(row).padEnd(valueWidth)}  ${
      row.status === 'not testable' ? `not testable: ${row.reason}` : beside(row.tests, row.setup)}`),
    '',
    `ioctls kvmctl knows: ${c.ioctls.length} (with the capability that announces each)`,
    ...c.ioctls.map((row) => `  ${row.name.padEnd(ioctlWidth)}  ${(row.capability ?? '-').padEnd(annWidth)}  ${beside(row.tests, row.setup)}`),
    '',
    `ioctls asserted by a test: ${c.ioctls_asserted} of ${c.ioctls.length}`,
    ratioLine(c),
  ];
  return lines.join('\n') + '\n';
}

/**
 * `kvmctl coverage`: reads the default suite's headers and host files (a malformed header is an
 * InputError, before the host is asked), asks /dev/kvm (a HostError without a usable one), and returns
 * the report as text or as one JSON object.
 */
export function coverageOutput(options: { json: boolean }): string {
  const files = findTestFiles([]);
  const suite = declareSuite(loadSpecs(files).filter((s) => !s.kut)); // kvm-unit-tests entries declare no capability
  const system = openSystem();
  let report: CoverageReport;
  try {
    const { answers, vmChecked, vmProblem } = askCapabilities(system);
    const dir = defaultSuiteDir();
    const rel = relative(process.cwd(), dir);
    report = {
      device: system.path, host_key: hostKey(), suite: rel && !rel.startsWith('..') ? rel : dir, tests: suite.length,
      vm_checked: vmChecked, ...(vmProblem !== undefined && { vm_problem: vmProblem }), coverage: computeCoverage(suite, answers),
    };
  } finally {
    system.close();
  }
  return options.json ? JSON.stringify(report, null, 2) + '\n' : formatCoverage(report);
}
