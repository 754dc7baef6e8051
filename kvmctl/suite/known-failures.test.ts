// Known failures: the file format, host keys with kernel ranges, and the signature a failing run must
// match to be XFAIL. Synthetic results stand in for runs, so this needs no /dev/kvm (run.test.ts does
// the same through real guests).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { InputError } from '../errors.js';
import type { HostKey } from '../host.js';
import type { TestResult } from '../harness/execute.js';
import { parseHeader } from '../harness/header.js';
import { scratchDir, writeUnittest } from '../../dev/testdata/helpers.js';
import { kernelMatcher, loadKnownFailures, parseKnownFailures } from './known-failures.js';
import { failureSignature } from './signature.js';
import { judge } from './verdict.js';

const host: HostKey = { module: 'kvm_pvm', kernel: '6.18.44-fc-v1045', vendor: 'amd', cpu: 'hw' };

t.test('sections: module, kernel glob or range, vendor, CPU kind', async (t) => {
  const applies = (section: string) => parseKnownFailures('kf.txt', `${section}\nx: why\n  fails: timeout\n`, host).forHost.has('x');
  t.ok(applies('[kvm_pvm]'));
  t.ok(applies('[kvm_pvm 6.18.* amd hw]'));
  t.ok(applies('[kvm_pvm 6.12..6.18 amd]'), 'a range includes its upper bound at the bound\'s precision');
  t.ok(applies('[kvm_pvm 6.18.44..7.0]'));
  t.notOk(applies('[kvm_pvm 6.1..6.17]'));
  t.notOk(applies('[kvm_pvm 6.18.45..6.19]'));
  t.notOk(applies('[kvm_pvm 6.18.* amd tcg]'), 'tcg does not excuse a real CPU');
  t.notOk(applies('[kvm_amd 6.18.* amd hw]'));
  t.ok(kernelMatcher('6.1..6.6', 'f:1')('6.6.0-rc1'));
  t.throws(() => kernelMatcher('6.1..latest', 'f:1'), /f:1: kernel range '6.1..latest'/);
});

t.test('entries: a reason and the checks that fail', async (t) => {
  const text = '# comment\n[kvm_pvm 6.18.*]\nfpu: x87 #UD here\n  fails: final   internal_error suberror=1\n  fails: expect:  mem 0x3000 00\n[kvm_amd]\nother: elsewhere\n  fails: timeout\n';
  const k = parseKnownFailures('kf.txt', text, host);
  t.same(k.forHost.get('fpu'), { name: 'fpu', reason: 'x87 #UD here', fails: ['final internal_error suberror=1', 'expect: mem 0x3000 00'], where: 'kf.txt:3' });
  t.same(k.all.map((e) => e.name), ['fpu', 'other'], 'every section\'s entries, for the check that they name tests');
  const bad = (text: string, message: RegExp) => {
    try {
      parseKnownFailures('kf.txt', text, host);
      t.fail(`accepted: ${JSON.stringify(text)}`);
    } catch (e) {
      t.ok(e instanceof InputError, 'an input error (exit 2)');
      t.match((e as Error).message, message);
    }
  };
  bad('[kvm_pvm]\nfpu: no signature\n', /^kf\.txt:2: 'fpu' has no 'fails:' line/);
  bad('[kvm_pvm]\nfpu: last one\n  fails: timeout\nnext: none\n', /^kf\.txt:4: 'next' has no 'fails:' line/);
  bad('[kvm_pvm]\n  fails: timeout\n', /^kf\.txt:2: 'fails:' before any/);
  bad('[kvm_pvm]\nfpu: a\n  fails: timeout\nfpu: b\n  fails: timeout\n', /^kf\.txt:4: 'fpu' is listed twice .*kf\.txt:2/);
  bad('[kvm_pvm 6.1..x]\n', /^kf\.txt:1: kernel range/);
  bad('x: y\n  fails: timeout\n', /^kf\.txt:1: entry before any \[host\] section/);
});

t.test('a run is XFAIL only when exactly the recorded checks fail', async (t) => {
  const file = writeUnittest(scratchDir(), 'two-checks', ['feature: two checks', 'expect:  mem 0x3000 2a', 'expect:  final hlt', 'expect:  regs rax=1'], ['hlt']);
  const spec = parseHeader(file, (await import('node:fs')).readFileSync(file, 'utf8'));
  const run = (failures: string[], final = { reason: 'hlt' }, verdict: TestResult['verdict'] = 'fail'): TestResult =>
    ({ name: spec.name, file, verdict, failures, durationMs: 1, final, exits: [], exitCount: 1, console: '' });
  const memFails = run(['line 3: mem 0x3000: expected 2a, got 00']);
  t.same(failureSignature(spec, memFails), ['expect: mem 0x3000 2a'], 'a header line, whitespace folded');
  t.same(failureSignature(spec, run(['line 4: final exit: expected hlt, got status value=3'], { reason: 'status', value: 3 } as never)), ['final status value=3'], 'the final exit names what came instead');
  t.same(failureSignature(spec, run(['host: KVM_GET_FPU ftwx: expected 0, got 0x80'])), ['host KVM_GET_FPU ftwx']);
  t.same(failureSignature(spec, run(['host: IA32_TSC after the run is 0x888a38bcc91, below the 0x1234 set before it'])), ['host IA32_TSC after the run is N, below the N set before it'], 'a host message without a name keeps its words, not its values');
  t.same(failureSignature(spec, run(['line 5: rax: expected 0x1, got 0x0'], { reason: 'timeout', rip: '0x1000' } as never, 'timeout')), ['timeout']);

  const known = parseKnownFailures('kf.txt', '[kvm_pvm]\ntwo-checks: memory stays 0\n  fails: expect: mem 0x3000 2a\n', host);
  t.equal(judge(spec, [memFails], known).verdict, 'xfail');
  const other = judge(spec, [run(['line 5: rax: expected 0x1, got 0x0'])], known);
  t.equal(other.verdict, 'fail', 'another check of a listed test failing is FAIL');
  t.match(other.reason, "fails differently from the known failure at kf.txt:2: not recorded 'expect: regs rax=1'; recorded 'expect: mem 0x3000 2a' did not fail");
  const more = judge(spec, [run(['line 3: mem 0x3000: expected 2a, got 00', 'line 5: rax: expected 0x1, got 0x0'])], known);
  t.equal(more.verdict, 'fail', 'the recorded failure plus another is FAIL');
  t.equal(judge(spec, [run(['line 3: mem 0x3000: expected 2a, got 00'], { reason: 'timeout' } as never, 'timeout')], known).verdict, 'timeout', 'a timeout is not the recorded memory check');
  t.equal(judge(spec, [run([], { reason: 'hlt' }, 'pass')], known).verdict, 'xpass');
  t.equal(judge(spec, [memFails, run(['line 5: rax: expected 0x1, got 0x0'])], known).verdict, 'fail', 'with --repeat every run must fail the recorded way');
});

t.test('a suite folder without a known-failures/ of its own uses the nearest one above it', async (t) => {
  const root = scratchDir();
  mkdirSync(join(root, 'known-failures'));
  mkdirSync(join(root, 'kvm-unit-tests'));
  writeFileSync(join(root, 'known-failures', 'kvm_pvm.txt'), '[kvm_pvm]\nkut-msr: why\n  fails: timeout\n');
  const fromSub = loadKnownFailures('default', join(root, 'kvm-unit-tests'), host);
  t.ok(fromSub.forHost.has('kut-msr'), 'the parent\'s entries apply to the subfolder\'s tests');
  t.equal(fromSub.suiteRoot, root, 'and name tests of the parent suite, which only a run of all of it checks');
  t.equal(loadKnownFailures('default', root, host).suiteRoot, root);
  const file = join(root, 'known-failures', 'kvm_pvm.txt');
  t.equal(loadKnownFailures(file, join(root, 'kvm-unit-tests'), host).suiteRoot, join(root, 'kvm-unit-tests'), 'a file given by flag belongs to the suite run');
  t.equal(loadKnownFailures('none', root, host).forHost.size, 0);
});
