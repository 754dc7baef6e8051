// `kvmctl coverage` on a real KVM: the shape of its text and JSON, every capability this host reports
// (as `kvmctl info` reads it) listed, every ioctl kvmctl knows, and the ratio as the last line.
// needs: /dev/kvm (without one, npm test runs this file inside kvmctl vm)
import t from 'tap';
import { IOCTLS } from '../kvmctl/engine/abi/ioctls.js';
import type { CoverageReport } from '../kvmctl/coverage/coverage.js';
import { ratioLine } from '../kvmctl/coverage/coverage.js';
import { NOT_TESTABLE } from '../kvmctl/coverage/not-testable.js';
import { runCli } from '../dev/testdata/helpers.js';

const [text, json, info] = await Promise.all([runCli(['coverage']), runCli(['coverage', '--json']), runCli(['info', '--json'])]);

t.test('both forms exit 0 with nothing on stderr', async (t) => {
  for (const [name, r] of [['coverage', text], ['coverage --json', json], ['info --json', info]] as const) {
    t.equal(r.code, 0, `kvmctl ${name} exits 0 (stderr: ${r.stderr})`);
    t.equal(r.stderr, '', `kvmctl ${name}: nothing on stderr`);
  }
});

const report = JSON.parse(json.stdout) as CoverageReport;
const host = JSON.parse(info.stdout) as { device: string; host_key: unknown; capabilities: Array<{ name: string; number: number; value: number | string }> };
const c = report.coverage;

t.test('the JSON object', async (t) => {
  t.match(report, { device: String, host_key: Object, suite: String, tests: Number, vm_checked: Boolean, coverage: Object });
  t.match(c, { capabilities: Array, ioctls: Array, covered: Number, testable: Number, reported: Number, not_testable: Number, percent: Number, ioctls_asserted: Number });
  t.same(report.host_key, host.host_key, 'the host key kvmctl info shows');
  t.ok(report.tests >= 70, `${report.tests} unittests read`);
  const checkVm = host.capabilities.find((x) => x.name === 'KVM_CAP_CHECK_EXTENSION_VM')!;
  t.equal(report.vm_checked, typeof checkVm.value === 'number' && checkVm.value >= 1, 'a VM was asked exactly when KVM_CAP_CHECK_EXTENSION_VM says so');
  for (const row of c.capabilities) {
    t.match(row, { name: String, number: Number, value: Number, status: /^(covered|untested|not testable)$/, tests: Array, setup: Array }, row.name);
    t.ok(row.value >= 1 || (row.vm_value ?? 0) >= 1, `${row.name}: reported with a value >= 1`);
    t.equal(report.vm_checked, row.vm_value !== null, `${row.name}: the VM's answer is there when a VM was asked`);
    t.equal(row.status === 'not testable', Object.hasOwn(NOT_TESTABLE, row.name), `${row.name}: not testable only from the table`);
    if (row.status === 'not testable') t.equal(row.reason, NOT_TESTABLE[row.name], `${row.name}: with its reason`);
    else t.equal(row.status === 'covered', row.tests.length > 0, `${row.name}: covered exactly when a test asserts it`);
    for (const e of [...row.tests, ...row.setup]) t.ok(e.test && e.via.length > 0, `${row.name}: ${e.test} with its declarations`);
  }
  t.same(c.ioctls.map((i) => i.name), Object.keys(IOCTLS), 'every ioctl kvmctl knows, in its order');
  const testable = c.capabilities.filter((r) => r.status !== 'not testable');
  t.equal(c.reported, c.capabilities.length, 'reported: every row');
  t.equal(c.testable, testable.length, 'testable: the rows not marked otherwise');
  t.equal(c.not_testable, c.reported - c.testable);
  t.equal(c.covered, testable.filter((r) => r.status === 'covered').length, 'covered: the testable rows with a test');
  t.equal(c.percent, Math.round((1000 * c.covered) / c.testable) / 10, 'percent: covered / testable');
});

t.test('every capability the host reports is there, with the value kvmctl info reads', async (t) => {
  const reported = host.capabilities.filter((x) => typeof x.value === 'number' && x.value >= 1);
  t.ok(reported.length >= 20, `${reported.length} capabilities reported`);
  for (const cap of reported) {
    const row = c.capabilities.find((r) => r.name === cap.name);
    t.equal(row?.value, cap.value, `${cap.name}: in the JSON with value ${cap.value}`);
    t.match(text.stdout, new RegExp(`^  ${cap.name}\\s+${cap.number}\\s+${cap.value}\\b`, 'm'), `${cap.name}: a line of the text`);
  }
});

t.test('the text: its sections, every ioctl, and the ratio as the last line', async (t) => {
  const lines = text.stdout.trimEnd().split('\n');
  t.match(lines[0], /^kvmctl coverage: \d+ unittests in \S+, on \S+ \S+ \S+ (hw|tcg) \(/, 'a first line naming the suite and the host');
  t.match(text.stdout, new RegExp(`^capabilities reported with a value >= 1: ${c.reported} \\(`, 'm'));
  t.match(text.stdout, new RegExp(`^ioctls kvmctl knows: ${c.ioctls.length} `, 'm'));
  for (const name of Object.keys(IOCTLS)) t.match(text.stdout, new RegExp(`^  ${name}\\s`, 'm'), `${name} is listed`);
  for (const row of c.capabilities.filter((r) => r.status === 'untested' && r.setup.length === 0)) {
    t.match(text.stdout, new RegExp(`^  ${row.name}\\s.*\\s{2}untested$`, 'm'), `${row.name}: untested`);
  }
  t.equal(lines.at(-1), ratioLine(c), 'the last line is the ratio of the JSON');
  t.match(lines.at(-1), /^coverage: \d+ of \d+ testable capabilities covered \(\d+\.\d%\); \d+ reported, \d+ not testable$/);
});
