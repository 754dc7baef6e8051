// `kvmctl kut` and `kvmctl run` on kvm-unit-tests images, against /dev/kvm: the multiboot hand-over
// (EAX, the command line, the environment module), the verdicts as kvm-unit-tests' runner reads
// the debug-exit status, the timeout, SMP through INIT/SIPI, and a unittests.cfg suite run.
// needs: /dev/kvm (without one, npm test runs this file inside kvmctl vm)
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { fixture, ROOT, runCli, scratchDir } from '../../dev/testdata/helpers.js';
import { hostKey } from '../host.js';

const dir = scratchDir();
const object = join(dir, 'multiboot-exit.o'), image = join(dir, 'multiboot-exit.elf');
execFileSync('as', ['--32', '-o', object, fixture('multiboot-exit.S')]);
execFileSync('ld', ['-m', 'elf_i386', '-Ttext=0x100000', '-o', image, object]);
const apObject = join(dir, 'multiboot-ap-exit.o'), apImage = join(dir, 'multiboot-ap-exit.elf');
execFileSync('as', ['--32', '-o', apObject, fixture('multiboot-ap-exit.S')]);
execFileSync('ld', ['-m', 'elf_i386', '-Ttext=0x100000', '-o', apImage, apObject]);
const VENDORED = join(ROOT, 'unittests', 'kvm-unit-tests');

t.test('the multiboot hand-over: EAX, the command line and the environment as module 0', async (t) => {
  const r = await runCli(['kut', image, '--append', 'hello 0', '--env', 'FOO=bar', '--smp', '2', '--mem', '64M']);
  t.equal(r.code, 0, r.stderr);
  t.equal(r.stdout, `${image} hello 0\nNR_CPUS=2\nMEMSIZE=64\nTEST_DEVICE=0\nFOO=bar\n`, 'the cmdline, then the module, on the serial port');
  t.match(r.stderr, /^kvmctl kut: .*: PASS \(debug-exit code 0, status 1\) in \d+ ms\n$/);
});

t.test("verdicts as kvm-unit-tests' runner reads (code << 1) | 1", async (t) => {
  for (const [code, verdict, exit] of [[1, 'FAIL', 1], [38, 'SKIP', 0], [63, 'FAIL', 1]] as const) {
    const r = await runCli(['kut', image, '--append', String(code)]);
    t.equal(r.code, exit, `code ${code}: exit ${exit}`);
    t.match(r.stderr, new RegExp(`: ${verdict} \\(debug-exit code ${code}, status ${((code << 1) | 1) & 0xff}\\)`));
  }
  const hang = await runCli(['kut', image, '--append', 'spin', '--timeout', '500ms']);
  t.equal(hang.code, 1, 'a guest that never exits times out');
  t.match(hang.stderr, /: TIMEOUT \(no debug-exit write: timeout rip=0x[0-9a-f]+\)/);
});

t.test('a vendored image, and SMP: the APs come up through INIT/SIPI in KVM\'s LAPIC', async (t) => {
  const one = await runCli(['kut', join(VENDORED, 'x86', 'setjmp.flat')]);
  t.equal(one.code, 0, one.stderr);
  t.match(one.stdout, /SUMMARY: \d+ tests\n/);
  const smp = await runCli(['kut', join(VENDORED, 'x86', 'smptest.flat'), '--smp', '2']);
  t.equal(smp.code, 0, smp.stderr);
  t.match(smp.stdout, /smp: waiting for 1 APs/);
  t.match(smp.stdout, /ipi called, cpu 1/, "the AP's serial output is shown too");
  // on_cpu() waits for the AP's handler, so its line comes before the BSP's summary, as in QEMU.
  t.ok(smp.stdout.indexOf('ipi called, cpu 1') < smp.stdout.indexOf('SUMMARY'), "the AP's lines come as they are written, among the BSP's");
});

t.test("an AP's debug-exit write ends the whole run, as isa-debug-exit does in QEMU", async (t) => {
  const r = await runCli(['kut', apImage, '--smp', '2', '--timeout', '60s']);
  t.equal(r.code, 1, r.stderr);
  t.match(r.stderr, /: FAIL \(debug-exit code 3, status 7\) in \d+ ms\n$/, 'the code the AP wrote, not a timeout');
});

t.test('kvmctl run: unittests.cfg sections with verdicts, skips and known failures', async (t) => {
  const suite = join(dir, 'suite');
  mkdirSync(join(suite, 'x86'), { recursive: true });
  writeFileSync(join(suite, 'x86', 'mb.flat'), new Uint8Array(await (await import('node:fs/promises')).readFile(image)));
  mkdirSync(join(suite, 'known-failures'));
  writeFileSync(join(suite, 'known-failures', 'any.txt'), `[${hostKey().module} * * *]\nkut-known: exits with code 1 on purpose\n  fails: final status value=3\n`);
  writeFileSync(join(suite, 'unittests.cfg'), [
    '[pass]', 'file = mb.flat', 'test_args = 0', '[fail]', 'file = mb.flat', 'test_args = 1', '[skip]', 'file = mb.flat', 'test_args = 38',
    '[known]', 'file = mb.flat', 'test_args = 1', '[device]', 'file = mb.flat', 'qemu_params = -device pci-edu',
    '[hang]', 'file = mb.flat', 'test_args = spin', 'timeout = 1', '[smp]', 'file = mb.flat', 'smp = 2', 'test_args = 0', '',
  ].join('\n'));
  const r = await runCli(['run', suite, '-j2', '--format', 'json']);
  t.equal(r.code, 1, r.stderr);
  const tests = Object.fromEntries(JSON.parse(r.stdout).tests.map((x: { name: string }) => [x.name, x]));
  const verdicts = Object.fromEntries(Object.entries(tests).map(([n, x]) => [n, (x as { verdict: string }).verdict]));
  t.same(verdicts, { 'kut-pass': 'pass', 'kut-fail': 'fail', 'kut-skip': 'skip', 'kut-known': 'xfail', 'kut-device': 'skip', 'kut-hang': 'timeout', 'kut-smp': 'pass' });
  t.match(tests['kut-device'].reason, /needs QEMU's -device pci-edu/);
  t.match(tests['kut-fail'].reason, /status 3 \(debug-exit code 1\)/);
});
