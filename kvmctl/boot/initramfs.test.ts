// The pieces of kvmctl vm that need no QEMU: the newc archive (read back with cpio(1)'s format
// rules), the module load order from a modules.dep, a bzImage's release, and the environment the
// command gets.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { scratchDir } from '../../dev/testdata/helpers.js';
import { CpioWriter } from './cpio.js';
import { kernelRelease } from './kernel-image.js';
import { loadOrder, readModuleTree } from './modules.js';
import { guestEnvironment } from './run-vm.js';

/** Parses a newc archive: name → { mode, data, rdev }. */
function readNewc(buf: Buffer): Map<string, { mode: number; data: Buffer; rdev: [number, number] }> {
  const out = new Map<string, { mode: number; data: Buffer; rdev: [number, number] }>();
  let at = 0;
  const align = (n: number) => (n + 3) & ~3;
  for (;;) {
    if (buf.toString('ascii', at, at + 6) !== '070701') throw new Error(`bad magic at ${at}`);
    const field = (i: number) => parseInt(buf.toString('ascii', at + 6 + i * 8, at + 14 + i * 8), 16);
    const [mode, size, rmaj, rmin, nameSize] = [field(1), field(6), field(9), field(10), field(11)];
    const name = buf.toString('utf8', at + 110, at + 110 + nameSize - 1);
    const dataAt = align(at + 110 + nameSize);
    if (name === 'TRAILER!!!') return out;
    out.set(name, { mode, data: buf.subarray(dataAt, dataAt + size), rdev: [rmaj, rmin] });
    at = align(dataAt + size);
  }
}

t.test('the newc archive holds folders, files with their modes, and a device node, 4-byte aligned', async (t) => {
  const archive = new CpioWriter().dir('bin').file('bin/x', 'abc', 0o755).file('init', 'hello, world\n', 0o700).charDevice('dev/console', 5, 1).finish();
  t.equal(archive.length % 4, 0);
  const entries = readNewc(archive);
  t.same([...entries.keys()], ['bin', 'bin/x', 'init', 'dev/console']);
  t.equal(entries.get('bin')!.mode, 0o040755);
  t.equal(entries.get('bin/x')!.mode, 0o100755);
  t.equal(entries.get('bin/x')!.data.toString(), 'abc');
  t.equal(entries.get('init')!.data.toString(), 'hello, world\n');
  t.equal(entries.get('dev/console')!.mode, 0o020600);
  t.same(entries.get('dev/console')!.rdev, [5, 1]);
});

t.test('modules load dependencies first, each once, and built-ins not at all', async (t) => {
  const dir = scratchDir();
  writeFileSync(join(dir, 'modules.dep'), [
    'kernel/arch/x86/kvm/kvm.ko: kernel/virt/lib/irqbypass.ko',
    'kernel/arch/x86/kvm/kvm-amd.ko: kernel/drivers/crypto/ccp/ccp.ko kernel/arch/x86/kvm/kvm.ko kernel/virt/lib/irqbypass.ko',
    'kernel/drivers/crypto/ccp/ccp.ko:',
    'kernel/virt/lib/irqbypass.ko:',
    'kernel/fs/9p/9p.ko: kernel/net/9p/9pnet.ko kernel/fs/fscache/fscache.ko kernel/fs/netfs/netfs.ko',
    'kernel/fs/fscache/fscache.ko: kernel/fs/netfs/netfs.ko',
    'kernel/fs/netfs/netfs.ko:',
    'kernel/net/9p/9pnet.ko:',
  ].join('\n') + '\n');
  writeFileSync(join(dir, 'modules.builtin'), 'kernel/fs/overlayfs/overlay.ko\n');
  const tree = readModuleTree(dir);
  const order = loadOrder(tree, ['kvm_amd', '9p', 'overlay', 'virtio_console']);
  t.same(order.files, [
    'kernel/virt/lib/irqbypass.ko', 'kernel/arch/x86/kvm/kvm.ko', 'kernel/drivers/crypto/ccp/ccp.ko', 'kernel/arch/x86/kvm/kvm-amd.ko',
    'kernel/fs/netfs/netfs.ko', 'kernel/fs/fscache/fscache.ko', 'kernel/net/9p/9pnet.ko', 'kernel/fs/9p/9p.ko',
  ]);
  t.same(order.missing, ['virtio_console'], 'a module neither built in nor in the tree is reported');
});

t.test("a bzImage's release comes from its setup header; anything else is refused", async (t) => {
  const dir = scratchDir();
  // The string past the first 16 KiB, as in Debian's 6.1 image (at 0x44c0).
  const image = Buffer.alloc(0x8000);
  image.write('HdrS', 0x202, 'latin1');
  image.writeUInt16LE(0x44c0 - 0x200, 0x20e);
  image.write('6.99.0-test (builder@host) #1 SMP', 0x44c0, 'latin1');
  writeFileSync(join(dir, 'bzImage'), image);
  t.equal(kernelRelease(join(dir, 'bzImage')), '6.99.0-test');
  writeFileSync(join(dir, 'text'), 'not a kernel\n'.repeat(100));
  t.throws(() => kernelRelease(join(dir, 'text')), /not an x86 Linux kernel image/);
  t.throws(() => kernelRelease(join(dir, 'nowhere')), /cannot read it/);
});

t.test("the command gets the caller's environment, less the host session's, with kvmctl first on PATH", async (t) => {
  const env = guestEnvironment({ PATH: '/usr/bin:/bin', CI: 'true', NO_COLOR: '1', KVMCTL_DEVICE: '/dev/kvm', SSH_AUTH_SOCK: '/run/x', DISPLAY: ':0' }, 'tcg');
  t.equal(env.PATH, '/run/kvmctl/bin:/usr/bin:/bin');
  t.equal(env.CI, 'true');
  t.equal(env.NO_COLOR, '1');
  t.equal(env.KVMCTL_DEVICE, '/dev/kvm');
  t.equal(env.KVMCTL_VM_ACCEL, 'tcg');
  t.notOk('SSH_AUTH_SOCK' in env);
  t.notOk('DISPLAY' in env);
});
