// The bad-input corpus: every way a test author, a command line or the host can hand kvmctl something
// wrong. Each row runs the real CLI and must end with its documented exit code (2 for usage and input,
// 3 when the KVM device cannot be used) and exactly one line on stderr, "kvmctl: ...", naming the file
// and line or the flag, with no stack trace anywhere and never as an internal error.
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { assertOneLineError, fixture, runCases, scratchDir, unittestText, type ErrorCase } from '../dev/testdata/helpers.js';

const dir = scratchDir();
chmodSync(dir, 0o755); // some rows run as another user
const suite = join(dir, 'suite');
const tests = join(suite, 'x86');
mkdirSync(tests, { recursive: true, mode: 0o755 });
chmodSync(suite, 0o755);
chmodSync(tests, 0o755);

const write = (path: string, data: string | Uint8Array, mode = 0o644): string => {
  writeFileSync(path, data);
  chmodSync(path, mode);
  return path;
};
/** A unittest: a header of the given lines (line 1 is the opening comment), then the body. */
const unittest = (name: string, header: string[], body: string[] = ['hlt']): string =>
  write(join(tests, `${name}.S`), unittestText(header, body));
const raw = (name: string, text: string): string => write(join(tests, `${name}.S`), text);
const FEATURE = 'feature: a bad-input row';

const GOOD = fixture('hlt-fib.S');
const ok = unittest('ok', [FEATURE]);
const clean = join(dir, 'clean'); // a folder with one good test (the others hold the broken ones)
mkdirSync(clean);
write(join(clean, 'fine.S'), `/*\n * ${FEATURE}\n */\n\thlt\n`);

// Files outside the test's folder and the suite's include folder, and ways of reaching them.
write(join(dir, 'outside.inc'), '\tnop\n');
write(join(dir, 'secret.bin'), 'not for guests\n');
write(join(dir, 'evil.mjs'), 'export default {};\n');
const hostLink = unittest('host-link', [FEATURE]);
symlinkSync(join(dir, 'evil.mjs'), join(tests, 'host-link.host.mjs'));
// exec searches what run does: the source's folder, the suite's above it, and the bundled unittests/.
const execInclude = write(join(tests, 'exec-include.S'), '\t.include "../../outside.inc"\n\thlt\n');

// Binaries for exec.
const emptyBin = write(join(dir, 'empty.bin'), new Uint8Array(0));
const bigBin = write(join(dir, 'big.bin'), new Uint8Array(128 * 1024).fill(0x90));
const hltBin = write(join(dir, 'hlt.bin'), new Uint8Array([0xf4]));

// A PATH with node and nothing else: no as, no ld.
const noBinutils = join(dir, 'path-without-binutils');
mkdirSync(noBinutils);
symlinkSync(process.execPath, join(noBinutils, 'node'));

// Devices and cache folders that cannot be used.
const missingDevice = join(dir, 'no-such-dir', 'kvm');
const regularDevice = write(join(dir, 'not-a-device'), 'just a file\n');
const lockedDevice = write(join(dir, 'locked-device'), '', 0o000);
const plainFile = write(join(dir, 'plain-file'), 'a file, not a folder\n');
const lockedDir = join(dir, 'locked');
mkdirSync(lockedDir, { mode: 0o700 });
chmodSync(lockedDir, 0o700);
// Root ignores permissions, so the permission rows run as nobody (65534), as cli-errors.test.ts does.
const nobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;


// JSON results for compare and merge: whole ones from two hosts, and broken ones.
const result = (host: string, tests: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({
  format: 1, kvmctl_version: '0.1.0', host_key: { module: host, kernel: '6.1.0', vendor: 'amd', cpu: 'hw' }, started: '2026-12-01T00:00:00.000Z',
  summary: { passed: 1, failed: 0, skipped: 0, xfail: 0, xpass: 0, flaky: 0, timeout: 0, wallMs: 10 }, tests, ...extra,
});
const resultA = write(join(dir, 'a.json'), result('kvm_amd', [{ name: 'one', verdict: 'pass' }]));
const resultOtherHost = write(join(dir, 'other-host.json'), result('kvm_pvm', [{ name: 'two', verdict: 'pass' }]));
const noSummary = write(join(dir, 'no-summary.json'), JSON.stringify({ ...JSON.parse(result('kvm_amd', [])), summary: undefined }));
const noVerdict = write(join(dir, 'no-verdict.json'), result('kvm_amd', [{ name: 'one', verdict: 'pass' }, { name: 'two' }]));
const noName = write(join(dir, 'no-name.json'), result('kvm_amd', [{ verdict: 'pass' }]));

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `file:line: message` as a pattern. */
const at = (file: string, line: number, message: string) => new RegExp(`^kvmctl: ${esc(file)}:${line}: ${message}`);
const header = (name: string, lines: string[], body?: string[]) => ({ file: unittest(name, lines, body) });

const cases: ErrorCase[] = [];
const row = (c: ErrorCase) => cases.push(c);
const runRow = (name: string, file: string, line: number, message: string) => row({ name, args: ['run', file], code: 2, message: at(file, line, message) });

// Malformed headers: `kvmctl run FILE` stops before any guest runs.
{
  let f = header('unknown-key', [FEATURE, 'frobnicate: 1']).file;
  runRow('header: unknown key', f, 3, "unknown key 'frobnicate'");
  f = header('bad-number', [FEATURE, 'vcpus: two']).file;
  runRow('header: bad number', f, 3, "invalid number 'two' \\(expected 1\\.\\.64\\)");
  f = header('bad-size', [FEATURE, 'mem: 12Q']).file;
  runRow('header: bad size', f, 3, "invalid size '12Q'");
  f = header('bad-timeout', [FEATURE, 'timeout: soon']).file;
  runRow('header: bad timeout', f, 3, "invalid timeout 'soon'");
  f = header('unknown-register', [FEATURE, 'reg: rxx=1']).file;
  runRow('header: unknown register', f, 3, "unknown register 'rxx'");
  f = header('unknown-register-expect', [FEATURE, 'expect: regs eip=1']).file;
  runRow('header: unknown register in an expectation', f, 3, "unknown register 'eip'");
  f = header('unknown-capability', [FEATURE, 'requires: KVM_CAP_NO_SUCH_THING']).file;
  runRow('header: unknown capability', f, 3, "unknown capability 'KVM_CAP_NO_SUCH_THING'");
  f = header('unknown-requirement', [FEATURE, 'requires: kernel=6.18']).file;
  runRow('header: unknown requirement', f, 3, "unknown requirement 'kernel=6.18'");
  f = header('unknown-cpuid-feature', [FEATURE, 'requires: cpuid=avx1024']).file;
  runRow('header: unknown CPUID feature', f, 3, "unknown CPUID feature 'avx1024'");
  f = header('bad-host-cpu-flag', [FEATURE, 'requires: host-cpu=AVX-2']).file;
  runRow('header: bad host CPU flag', f, 3, "invalid host CPU flag 'AVX-2'");
  f = header('unknown-capability-enable', [FEATURE, 'enable-cap: KVM_CAP_BOGUS 1']).file;
  runRow('header: unknown capability to enable', f, 3, "unknown capability 'KVM_CAP_BOGUS'");
  f = header('duplicate-key', [FEATURE, 'mode: long', 'mode: real']).file;
  runRow('header: duplicate key', f, 4, "duplicate key 'mode' \\(first on line 3\\)");
  f = raw('unterminated', `/*\n * ${FEATURE}\n * mode: long\n`);
  runRow('header: unterminated comment block', f, 4, 'unterminated header comment \\(no closing \\*/\\)');
  f = raw('unterminated-code', `/*\n * ${FEATURE}\n * mode: long\n\thlt\n`);
  runRow('header: unterminated comment block, code after it', f, 4, "expected 'key: value', got 'hlt' \\(is the closing \\*/ of the header missing\\?\\)");
  f = header('missing-feature', ['mode: long']).file;
  runRow('header: missing feature', f, 1, "missing 'feature:'");
  f = raw('no-header', '\thlt\n');
  runRow('header: no header at all', f, 1, 'a unittest starts with a /\\* \\.\\.\\. \\*/ header comment');
  f = header('unknown-mode', [FEATURE, 'mode: v86']).file;
  runRow('header: unknown mode', f, 3, "unknown mode 'v86'");
  f = header('unknown-exit', [FEATURE, 'expect: final explode']).file;
  runRow('header: unknown exit reason', f, 3, "unknown exit reason 'explode'");
  f = header('unknown-exit-field', [FEATURE, 'expect: exit io dirction=out port=0x80']).file;
  runRow('header: a misspelled exit field', f, 3, "exit io: unknown field 'dirction' \\(direction, port, size, count, data_offset, data, vcpu\\)");
  f = header('bad-exit-value', [FEATURE, 'expect: final mmio write=yes']).file;
  runRow('header: an exit field value that never matches', f, 3, "exit mmio: invalid write 'yes' \\(expected true or false\\)");
  f = header('unknown-errno', [FEATURE, 'on: start => add-slot 1 gpa=0x400000 size=4K errno=ENOTANERRNO']).file;
  runRow('header: unknown errno', f, 3, "unknown errno 'ENOTANERRNO'");
  f = header('slot-no-size', [FEATURE, 'slot: 1 gpa=0x400000']).file;
  runRow('header: slot without a size', f, 3, 'a slot needs gpa= and size=');
  f = header('slot-unaligned', [FEATURE, 'slot: 1 gpa=0x400010 size=4K']).file;
  runRow('header: slot not page aligned', f, 3, 'slot gpa 0x400010 is not page aligned');
  f = header('slots-overlap', [FEATURE, 'slot: 1 gpa=0x400000 size=8K', 'slot: 2 gpa=0x401000 size=8K']).file;
  runRow('header: overlapping slots', f, 4, 'slot 2 at 0x401000\\.\\.0x403000 overlaps slot 1 at 0x400000\\.\\.0x402000 \\(line 3\\)');
  f = header('slot-over-ram', [FEATURE, 'mem: 2M', 'slot: 1 gpa=0x100000 size=4K']).file;
  runRow('header: slot overlapping RAM', f, 4, 'slot 1 at 0x100000\\.\\.0x101000 overlaps RAM \\(slot 0, mem: 0x200000\\)');
  f = header('slot-twice', [FEATURE, 'slot: 1 gpa=0x400000 size=4K', 'slot: 1 gpa=0x500000 size=4K']).file;
  runRow('header: one slot ID twice', f, 4, 'slot 1 is declared twice \\(first on line 3\\)');
  f = header('load-outside', [FEATURE, 'load: 0x10000000']).file;
  runRow('header: load address outside memory', f, 3, 'load address 0x10000000 is outside guest memory \\(mem: 0x200000\\)');
  f = header('entry-outside', [FEATURE, 'mem: 64K', 'entry: 0x20000']).file;
  runRow('header: entry point outside memory', f, 4, 'entry address 0x20000 is outside guest memory \\(mem: 0x10000\\)');
  f = header('vcpu-range', [FEATURE, 'expect: regs vcpu=1 rax=1']).file;
  runRow('header: vcpu= beyond the vCPU count', f, 3, 'vcpu=1 but the test has 1 vCPU');
  f = header('final-vcpu', [FEATURE, 'vcpus: 2', 'expect: final hlt vcpu=1']).file;
  runRow('header: vcpu= on the final exit (only vCPU 0\'s is checked)', f, 4, "final hlt: no vcpu= here, the final exit is vCPU 0's");
}

// Guest programs.
{
  const empty = header('empty-program', [FEATURE], []).file;
  row({ name: 'run: a program that assembles to nothing', args: ['run', empty], code: 2, message: new RegExp(`^kvmctl: ${esc(empty)}: assembled to an empty binary`) });
  const big = header('oversized', [FEATURE], ['.fill 0x300000, 1, 0x90', 'hlt']).file;
  row({ name: 'run: a program bigger than its RAM', args: ['run', big], code: 2,
    message: new RegExp(`^kvmctl: ${esc(big)}: guest binary of 3145729 bytes at 0x1000 does not fit in 0x200000 bytes of guest memory`) });
  const asm = header('asm-error', [FEATURE], ['nop', 'movx %eax, %ebx']).file;
  runRow('run: an assembler error', asm, 5, 'no such instruction');
  const inc = header('include-outside', [FEATURE], ['.include "../../outside.inc"', 'hlt']).file;
  runRow('run: .include outside the test\'s folder', inc, 4, '\\.include "\\.\\./\\.\\./outside\\.inc" is outside the test\'s folder and the suite\'s include folder');
  const abs = header('include-absolute', [FEATURE], ['.include "/etc/hostname"']).file;
  runRow('run: .include of an absolute path', abs, 4, '\\.include "/etc/hostname" is outside the test\'s folder');
  const bin = header('incbin-outside', [FEATURE], ['hlt', '.incbin "../../secret.bin"']).file;
  runRow('run: .incbin outside the test\'s folder', bin, 5, '\\.incbin "\\.\\./\\.\\./secret\\.bin" is outside the test\'s folder');
  const macro = header('include-macro', [FEATURE], ['.macro pull f', '.include "\\f"', '.endm', 'hlt']).file;
  runRow('run: .include of a macro argument', macro, 5, '\\.include needs a plain quoted file name');
  row({ name: 'run: a host file outside the test\'s folder (a link)', args: ['run', hostLink], code: 2,
    message: new RegExp(`^kvmctl: ${esc(hostLink)}: host file .*host-link\\.host\\.mjs is outside the test's folder \\(it leads to ${esc(join(dir, 'evil.mjs'))}\\)`) });
  row({ name: 'exec: .include outside the source\'s folder', args: ['exec', execInclude], code: 2, message: at(execInclude, 1, '\\.include "\\.\\./\\.\\./outside\\.inc" is outside') });
  row({ name: 'exec: an empty binary', args: ['exec', emptyBin], code: 2, message: /empty\.bin: empty guest binary/ });
  row({ name: 'exec: a binary bigger than --mem', args: ['exec', bigBin, '--mem', '64K'], code: 2, message: /guest binary of 131072 bytes at 0x1000 does not fit in 0x10000 bytes/ });
  row({ name: 'exec: --load outside memory', args: ['exec', hltBin, '--load', '0x10000000'], code: 2, message: /load address 0x10000000 is outside guest memory/ });
}

// Command-line flags and values.
row({ name: 'run: unknown flag', args: ['run', ok, '--bogus'], code: 2, message: /Unknown argument: bogus/ });
row({ name: 'run: --jobs 0', args: ['run', ok, '--jobs', '0'], code: 2, message: "--jobs: expected a whole number from 1 to 256, got '0'" });
row({ name: 'run: --jobs not a number', args: ['run', ok, '-j', 'many'], code: 2, message: "--jobs: expected a whole number from 1 to 256, got 'many'" });
row({ name: 'run: --repeat 0', args: ['run', ok, '--repeat', '0'], code: 2, message: "--repeat: expected a whole number from 1 to 10000, got '0'" });
row({ name: 'run: --timeout negative', args: ['run', ok, '--timeout', '-1'], code: 2, message: "--timeout: expected a positive duration (seconds such as 10 or 1.5, or 500ms, 30s, 2m), got '-1'" });
row({ name: 'exec: --timeout not a duration', args: ['exec', GOOD, '--timeout', 'soon'], code: 2, message: "--timeout: expected a positive duration (seconds such as 10 or 1.5, or 500ms, 30s, 2m), got 'soon'" });
// A duration in ms is accepted: the run gets past its flags and input to the missing device (3).
row({ name: 'run: --timeout 500ms', args: ['run', ok, '--timeout', '500ms', '--known-failures', 'none'], env: { KVMCTL_DEVICE: missingDevice }, code: 3, message: /does not exist/ });
row({ name: 'exec: --timeout 500ms', args: ['exec', GOOD, '--timeout', '500ms'], env: { KVMCTL_DEVICE: missingDevice }, code: 3, message: /does not exist/ });
row({ name: 'run: --shard out of range', args: ['run', ok, '--shard', '3/2'], code: 2, message: "--shard: expected I/N with 1 <= I <= N, got '3/2'" });
row({ name: 'run: --output in a folder that does not exist', args: ['run', ok, '--format', 'json', '--output', join(dir, 'nowhere', 'r.json')], code: 2, message: /--output: .*r\.json: no such directory / });
row({ name: 'run: --output a folder', args: ['run', ok, '--format', 'json', '--output', dir], code: 2, message: /--output: .* is a directory\n$/ });
row({ name: 'merge: --output in a folder that does not exist', args: ['merge', resultA, '--output', join(dir, 'nowhere', 'm.json')], code: 2, message: /--output: .*m\.json: no such directory / });
row({ name: 'run: --format unknown', args: ['run', ok, '--format', 'xml'], code: 2, message: /format.*"xml".*"pretty", "tap", "junit", "json"/ });
row({ name: 'run: --known-failures missing file', args: ['run', ok, '--known-failures', join(dir, 'nope.txt')], code: 2, message: /--known-failures: cannot read .*nope\.txt: ENOENT/ });
row({ name: 'run: a path that does not exist', args: ['run', join(dir, 'nowhere')], code: 2, message: /nowhere: no such file or folder/ });
row({ name: 'run: a pattern that matches nothing', args: ['run', clean, 'no-such-test-*'], code: 2, message: /no test matches .*no-such-test-\*/ });
row({ name: 'merge: a result without a summary', args: ['merge', resultA, noSummary], code: 2, message: /no-summary\.json: summary: expected an object/ });
row({ name: 'compare: a test without a verdict', args: ['compare', resultA, noVerdict], code: 2, message: /no-verdict\.json: tests\[1\]\.verdict: expected one of pass, fail/ });
row({ name: 'compare: a test without a name', args: ['compare', noName, resultA], code: 2, message: /no-name\.json: tests\[0\]\.name: expected a test name/ });
row({ name: 'merge: results of two hosts without --force', args: ['merge', resultA, resultOtherHost], code: 2, message: /other-host\.json comes from host 'kvm_pvm 6\.1\.0 amd hw'.*pass --force/ });
row({ name: 'list: a pattern that matches nothing', args: ['list', clean, 'no-such-test-*'], code: 2, message: /no test matches .*no-such-test-\*/ });
row({ name: 'list: a path that does not exist', args: ['list', join(dir, 'nowhere')], code: 2, message: /nowhere: no such file or folder/ });
row({ name: 'new: a folder that cannot be made', args: ['new', 'x', '--dir', join(plainFile, 'sub')], code: 2, message: new RegExp(`${esc(join(plainFile, 'sub', 'x.S'))}: cannot write: ENOTDIR`) });
row({ name: 'new: a folder where mkdir says ENOENT below one that exists (/proc), without looping', args: ['new', 'x', '--dir', '/proc/kvmctl-no-such/sub'], code: 2, message: /\/proc\/kvmctl-no-such\/sub\/x\.S: cannot write: ENOENT/ });
row({ name: 'exec: --mem with a bad unit', args: ['exec', GOOD, '--mem', '3X'], code: 2, message: "--mem: invalid size '3X'" });
// --expect-exit takes the header's exit reasons (EXIT_FIELDS), less io and mmio, which exec resumes.
row({ name: 'exec: --expect-exit io (exec never stops at one)', args: ['exec', GOOD, '--expect-exit', 'io'], code: 2, message: /expect-exit.*"io".*"hlt"/ });
row({ name: 'exec: --expect-exit hypercall, a header reason, is accepted', args: ['exec', GOOD, '--expect-exit', 'hypercall'], env: { KVMCTL_DEVICE: missingDevice }, code: 3, message: /does not exist/ });
row({ name: 'exec: --reg with an unknown register', args: ['exec', GOOD, '--reg', 'foo=1'], code: 2, message: "--reg: unknown register 'foo'" });

// The host: no assembler, no usable device, no writable cache.
row({ name: 'exec: no assembler in PATH', args: ['exec', GOOD], env: { PATH: noBinutils }, code: 2, message: /as: not found in PATH; install GNU binutils/ });
row({ name: 'run: no assembler in PATH', args: ['run', ok], env: { PATH: noBinutils }, code: 2, message: /as: not found in PATH; install GNU binutils/ });
row({ name: 'exec: KVMCTL_DEVICE at a missing path', args: ['exec', hltBin], env: { KVMCTL_DEVICE: missingDevice }, code: 3,
  message: new RegExp(`${esc(missingDevice)} does not exist: load the KVM module`) });
row({ name: 'run: KVMCTL_DEVICE at a regular file', args: ['run', ok], env: { KVMCTL_DEVICE: regularDevice }, code: 3,
  message: new RegExp(`${esc(regularDevice)} is not a KVM device .*; unset KVMCTL_DEVICE or point it at /dev/kvm`) });
row({ name: 'exec: KVMCTL_DEVICE unreadable', args: ['exec', hltBin], env: { KVMCTL_DEVICE: lockedDevice }, as: nobody, code: 3,
  message: new RegExp(`${esc(lockedDevice)}: permission denied: add your user to the kvm group`) });
row({ name: 'exec: cache folder under a regular file', args: ['exec', GOOD], env: { KVMCTL_CACHE_DIR: join(plainFile, 'cache') }, code: 2,
  message: new RegExp(`${esc(join(plainFile, 'cache'))}: cache folder is not writable \\(ENOTDIR\\); set KVMCTL_CACHE_DIR`) });
row({ name: 'exec: cache folder in a folder we may not write', args: ['exec', GOOD], env: { KVMCTL_CACHE_DIR: join(lockedDir, 'cache') }, as: nobody, code: 2,
  message: new RegExp(`${esc(join(lockedDir, 'cache'))}: cache folder is not writable \\(EACCES\\); set KVMCTL_CACHE_DIR`) });

// A character device that is not KVM passes the quick look; the workers' open finds it out. Still,
// an input error wins (exit 2), and no report is begun for a run that cannot start.
const devNull = { KVMCTL_DEVICE: '/dev/null' };
row({ name: 'run: an assembler error with KVMCTL_DEVICE=/dev/null', args: ['run', join(tests, 'asm-error.S')], env: devNull, code: 2, message: 'no such instruction' });
row({ name: 'run --format tap with KVMCTL_DEVICE=/dev/null', args: ['run', ok, '--format', 'tap'], env: devNull, code: 3, message: /\/dev\/null/ });

const results = await runCases(cases);

t.test('a run that cannot start writes no report', async (t) => {
  const i = cases.findIndex((c) => c.name === 'run --format tap with KVMCTL_DEVICE=/dev/null');
  t.equal(results[i].stdout, '', 'no TAP header, so no truncated stream');
});

t.ok(cases.length >= 30, `${cases.length} rows`);
cases.forEach((c, i) => {
  t.test(c.name, async (t) => {
    const r = results[i];
    assertOneLineError(t, c, r);
  });
});
