// The bad-input paths of the CLI: each ends with its documented exit code (2 for usage and input
// errors, 3 when the KVM device cannot be used) and exactly one line on stderr, "kvmctl: ...", with
// no stack trace and nothing on stdout.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { assertOneLineError, fixture, runCases, scratchDir, type ErrorCase } from '../dev/testdata/helpers.js';

const dir = scratchDir();
chmodSync(dir, 0o755); // the permission case runs as another user
const file = (name: string, data: string | Uint8Array, mode = 0o644): string => {
  const path = join(dir, name);
  writeFileSync(path, data);
  chmodSync(path, mode);
  return path;
};

const GOOD = fixture('hlt-fib.S');
const badAsm = file('bad.S', '\tnop\n\tnop\n\tmovx\t%eax, %ebx\n\thlt\n');
const emptyBin = file('empty.bin', new Uint8Array(0));
const bigBin = file('big.bin', new Uint8Array(128 * 1024).fill(0x90));
const hltBin = file('hlt.bin', new Uint8Array([0xf4]));
const regularDevice = file('not-a-device', 'just a file\n');
const lockedDevice = file('locked-device', '', 0o000);
const missingDevice = join(dir, 'no-such-dir', 'kvm');


const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Opening a mode-000 file fails with EACCES for anyone but root, so root runs that case as nobody.
const unprivileged = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

const cases: ErrorCase[] = [
  { name: 'unknown flag', args: ['exec', GOOD, '--bogus'], code: 2, message: /Unknown argument: bogus/ },
  { name: 'unknown command', args: ['frobnicate'], code: 2, message: /Unknown argument: frobnicate/ },
  { name: 'no command', args: [], code: 2, message: /name a command: .*exec/ },
  { name: 'exec without a file', args: ['exec'], code: 2, message: /Not enough non-option arguments/ },
  { name: 'bad --mode', args: ['exec', GOOD, '--mode', 'weird'], code: 2, message: /mode.*weird.*real.*protected.*long/ },
  { name: 'bad --mem unit', args: ['exec', GOOD, '--mem', '3X'], code: 2, message: /--mem: invalid size '3X'/ },
  { name: '--mem not a multiple of 4K', args: ['exec', GOOD, '--mem', '1000'], code: 2, message: /--mem: invalid size '1000'/ },
  { name: 'bad --reg name', args: ['exec', GOOD, '--reg', 'foo=1'], code: 2, message: /--reg: unknown register 'foo'/ },
  { name: 'bad --reg value', args: ['exec', GOOD, '--reg', 'rax=zz'], code: 2, message: /--reg: invalid value 'zz' for rax/ },
  { name: '--reg value over 64 bits', args: ['exec', GOOD, '--reg', 'rax=0x10000000000000000'], code: 2, message: /--reg: invalid value '0x10000000000000000' for rax/ },
  { name: '--reg without =', args: ['exec', GOOD, '--reg', 'rax'], code: 2, message: /--reg: expected NAME=VALUE, got 'rax'/ },
  { name: 'bad --expect-reg name', args: ['exec', GOOD, '--expect-reg', 'xyz=1'], code: 2, message: /--expect-reg: unknown register 'xyz'/ },
  { name: 'bad --expect-mem bytes', args: ['exec', GOOD, '--expect-mem', '0x2000=xyz'], code: 2, message: /--expect-mem: expected ADDR=HEXBYTES, got '0x2000=xyz'/ },
  { name: '--expect-mem with an odd digit count', args: ['exec', GOOD, '--expect-mem', '0x2000=123'], code: 2, message: /--expect-mem: expected ADDR=HEXBYTES/ },
  { name: 'bad --expect-mem address', args: ['exec', GOOD, '--expect-mem', 'here=00'], code: 2, message: /--expect-mem: expected ADDR=HEXBYTES, got 'here=00'/ },
  { name: 'bad --expect-exit', args: ['exec', GOOD, '--expect-exit', 'explode'], code: 2, message: /expect-exit.*explode/ },
  { name: 'bad --timeout', args: ['exec', GOOD, '--timeout', '0'], code: 2, message: /--timeout: expected a positive duration/ },
  { name: 'missing file', args: ['exec', join(dir, 'missing.S')], code: 2, message: new RegExp(`${esc(join(dir, 'missing.S'))}: cannot read: ENOENT`) },
  { name: 'assembler error', args: ['exec', badAsm], code: 2, message: new RegExp(`^kvmctl: ${esc(badAsm)}:3: no such instruction`) },
  { name: 'empty binary', args: ['exec', emptyBin], code: 2, message: /empty\.bin: empty guest binary/ },
  { name: 'binary bigger than --mem', args: ['exec', bigBin, '--mem', '64K'], code: 2, message: /guest binary of 131072 bytes at 0x1000 does not fit in 0x10000 bytes/ },
  { name: '--load outside memory', args: ['exec', hltBin, '--load', '0x10000000'], code: 2, message: /load address 0x10000000 is outside guest memory/ },
  { name: 'image over the system area', args: ['exec', hltBin, '--mode', 'protected', '--load', '0xe0000'], code: 2, message: /overlaps the protected-mode system area/ },
  { name: 'KVMCTL_DEVICE at a missing path', args: ['exec', GOOD], env: { KVMCTL_DEVICE: missingDevice }, code: 3,
    message: new RegExp(`${esc(missingDevice)} does not exist: load the KVM module`) },
  { name: 'KVMCTL_DEVICE at a regular file', args: ['exec', GOOD], env: { KVMCTL_DEVICE: regularDevice }, code: 3,
    message: new RegExp(`${esc(regularDevice)} is not a KVM device .*ENOTTY`) },
  { name: 'KVMCTL_DEVICE without permission', args: ['exec', hltBin], env: { KVMCTL_DEVICE: lockedDevice }, as: unprivileged, code: 3,
    message: new RegExp(`${esc(lockedDevice)}: permission denied: add your user to the kvm group .*udev rule`) },
];

const results = await runCases(cases);

cases.forEach((c, i) => {
  t.test(c.name, async (t) => {
    const r = results[i];
    assertOneLineError(t, c, r);
    t.equal(r.stdout, '', 'nothing on stdout');
  });
});
