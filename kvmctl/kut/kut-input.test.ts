// kvm-unit-tests images and unittests.cfg, checked without KVM: every bad input is one line naming
// the file (and line), exit 2, before the host is asked (KVMCTL_DEVICE points nowhere, which would
// be exit 3). Host only.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { InputError } from '../errors.js';
import { assertOneLineError, ROOT, runCases, scratchDir, type ErrorCase } from '../../dev/testdata/helpers.js';
import { bootInfoBytes } from './boot-info.js';
import { kutEntries } from './cfg.js';
import { cpuidForModel, parseCpuModel } from './cpu-model.js';
import { parseMultiboot } from './multiboot.js';
import { exitStatus, verdictOf } from './verdict.js';

/** An ELF32 i386 executable with one PT_LOAD segment of `code` at `paddr` (memsz `memsz`), multiboot header first. */
function elf32(opts: { paddr?: number; memsz?: number; magic?: number; checksum?: number; flags?: number; cls?: number } = {}): Uint8Array {
  const paddr = opts.paddr ?? 0x100000, magic = opts.magic ?? 0x1badb002, flags = opts.flags ?? 0;
  const code = new Uint8Array(16);
  const c = new DataView(code.buffer);
  c.setUint32(0, magic, true);
  c.setUint32(4, flags, true);
  c.setUint32(8, opts.checksum ?? (-(magic + flags) >>> 0), true);
  code[12] = 0xf4; // hlt, the entry
  const buf = new Uint8Array(0x60 + code.length);
  const v = new DataView(buf.buffer);
  buf.set([0x7f, 0x45, 0x4c, 0x46, opts.cls ?? 1, 1, 1]);
  v.setUint16(16, 2, true); // ET_EXEC
  v.setUint16(18, 3, true); // EM_386
  v.setUint32(24, paddr + 12, true); // entry
  v.setUint32(28, 52, true); // phoff
  v.setUint16(42, 32, true);
  v.setUint16(44, 1, true);
  const p = 52;
  v.setUint32(p, 1, true); // PT_LOAD
  v.setUint32(p + 4, 0x60, true);
  v.setUint32(p + 8, paddr, true);
  v.setUint32(p + 12, paddr, true);
  v.setUint32(p + 16, code.length, true);
  v.setUint32(p + 20, opts.memsz ?? code.length, true);
  buf.set(code, 0x60);
  return buf;
}

const MEM = 128 * 0x100000;
const thrown = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  return 'no error';
};

t.test('the loader places a good image and refuses every bad one, naming the file', async (t) => {
  const good = parseMultiboot('good.flat', elf32(), MEM);
  t.same([good.entry, good.end, good.segments.length], [0x10000c, 0x100010, 1]);
  t.match(thrown(() => parseMultiboot('x.flat', new TextEncoder().encode('#!/bin/sh\n'.repeat(8)), MEM)), /^x\.flat: not an ELF file$/);
  t.match(thrown(() => parseMultiboot('x.flat', elf32({ cls: 2 }), MEM)), /^x\.flat: not a 32-bit ELF file/);
  t.match(thrown(() => parseMultiboot('x.flat', elf32({ magic: 0x12345678 }), MEM)), /^x\.flat: not a multiboot image/);
  t.match(thrown(() => parseMultiboot('x.flat', elf32({ checksum: 1 }), MEM)), /^x\.flat: multiboot header at 0x60 has a bad checksum/);
  t.match(thrown(() => parseMultiboot('x.flat', elf32({ flags: 4 }), MEM)), /^x\.flat: multiboot header asks for .* video mode/);
  t.match(thrown(() => parseMultiboot('x.flat', elf32({ paddr: MEM - 8 }), MEM)), /^x\.flat: segment 0 at 0x7fffff8\.\.0x8000008 lies outside guest RAM/);
  t.match(thrown(() => parseMultiboot('x.flat', elf32({ memsz: 0x1000000 }), 0x400000)), /^x\.flat: segment 0 .* lies outside guest RAM \(0\.\.0x400000\); raise --mem/);
});

t.test('the multiboot info block: flags, RAM, command line and the environment as module 0', async (t) => {
  const { address, bytes } = bootInfoBytes(0x100010, MEM, 'x.flat arg', 'NR_CPUS=2\n');
  const v = new DataView(bytes.buffer);
  const at = (gpa: number) => gpa - address;
  const str = (gpa: number) => Buffer.from(bytes.subarray(at(gpa), bytes.indexOf(0, at(gpa)))).toString('latin1');
  t.equal(address, 0x101000, 'on the page after the image');
  t.equal(v.getUint32(0, true), 0b1101, 'flags: mem, cmdline, mods');
  t.equal(v.getUint32(8, true), (MEM - 0x100000) / 1024, 'mem_upper in KiB above 1 MiB');
  t.equal(str(v.getUint32(16, true)), 'x.flat arg');
  t.equal(v.getUint32(20, true), 1, 'one module');
  const mod = at(v.getUint32(24, true));
  const [start, end] = [v.getUint32(mod, true), v.getUint32(mod + 4, true)];
  t.equal(start % 0x1000, 0, 'the module is page-aligned');
  t.equal(Buffer.from(bytes.subarray(at(start), at(end))).toString('latin1'), 'NR_CPUS=2\n\0');
  t.match(thrown(() => bootInfoBytes(MEM - 16, MEM, 'x', '')), /need .* bytes of RAM; --mem is/);
});

t.test('kvm-unit-tests verdicts: (code << 1) | 1, 1 PASS, 77 SKIP, the rest FAIL', async (t) => {
  t.same([0, 1, 38, 63].map(exitStatus), [1, 3, 77, 127]);
  t.same([1, 77, 3, 127].map(verdictOf), ['pass', 'skip', 'fail', 'fail']);
});

t.test('-cpu as CPUID: flags cleared, the vendor string, and what cannot be said', async (t) => {
  const m = parseCpuModel('qemu64,-pcid,+x2apic,vendor=GenuineIntel');
  if (typeof m === 'string') return t.fail(m);
  const cpuid = cpuidForModel([
    { function: 0, index: 0, flags: 0, eax: 0xd, ebx: 0, ecx: 0, edx: 0 },
    { function: 1, index: 0, flags: 0, eax: 0, ebx: 0, ecx: 1 << 17, edx: 0 },
  ], m);
  t.equal(cpuid[1].ecx, 0, 'pcid cleared');
  t.equal(Buffer.from(new Uint32Array([cpuid[0].ebx, cpuid[0].edx, cpuid[0].ecx]).buffer).toString('latin1'), 'GenuineIntel');
  t.match(parseCpuModel('IvyBridge,phys-bits=36'), /'phys-bits=36' is not a CPUID feature kvmctl knows/);
});

t.test('unittests.cfg sections: what kvmctl expresses, and skips with the reason', async (t) => {
  const dir = scratchDir();
  const cfg = join(dir, 'unittests.cfg');
  const e = kutEntries(cfg, [
    '# comment', '[a]', 'file = a.flat', 'smp = 2', "test_args = 'x y'", 'qemu_params = -cpu max -m 256', 'timeout = 30', 'groups = g1 g2',
    '[b]', 'file = b.flat', 'qemu_params = -device hyperv-testdev', '[c]', 'file = c.flat', 'arch = i386',
    '[d]', 'file = d.flat', 'test_args = "10 `date +%s`"', '[e]', 'file = e.flat', 'qemu_params = """-cpu max', '  -m 64"""',
  ].join('\n'), 3 * 2 ** 30);
  t.same(e.map((x) => x.section), ['a', 'b', 'c', 'd', 'e']);
  t.same([e[0].vcpus, e[0].memSize, e[0].append, e[0].cpu?.model, e[0].timeoutMs, e[0].groups], [2, 256 << 20, 'x y', 'max', 30_000, ['g1', 'g2']]);
  t.equal(e[0].unsupported, undefined);
  t.equal(e[1].unsupported, "needs QEMU's -device hyperv-testdev");
  t.match(e[2].unsupported, /i386 only/);
  t.match(e[3].unsupported, /test_args needs a shell/);
  t.same([e[4].memSize, e[4].unsupported], [64 << 20, undefined], 'a """ value over two lines');
  t.match(thrown(() => kutEntries(cfg, '[a]\nfile = a.flat\nqemu_parms = -m 64\n', 3 * 2 ** 30)), new RegExp(`^${cfg}:3: unknown unittests.cfg key 'qemu_parms'`));
});

t.test('the CLI: exit 2 with one line naming the file (and line), before the host', async (t) => {
  const dir = scratchDir();
  const w = (name: string, data: string | Uint8Array) => (writeFileSync(join(dir, name), data), join(dir, name));
  const notElf = w('not-elf.flat', 'hello\n');
  const big = w('big.flat', elf32({ memsz: 0x1000000 }));
  const noMb = w('no-mb.flat', elf32({ magic: 1 }));
  const suite = join(dir, 'suite');
  (await import('node:fs')).mkdirSync(suite);
  writeFileSync(join(suite, 'unittests.cfg'), '[ok]\nfile = ok.flat\n\n[bad]\nfile = bad.flat\nsmp = 2\nmem = 64\n');
  const env = { KVMCTL_DEVICE: '/nonexistent/kvm' };
  const cases: ErrorCase[] = [
    { name: 'not ELF', args: ['kut', notElf], env, code: 2, message: `${notElf}: not an ELF file` },
    { name: 'not multiboot', args: ['kut', noMb], env, code: 2, message: `${noMb}: not a multiboot image` },
    { name: 'larger than --mem', args: ['kut', '--mem', '4M', big], env, code: 2, message: `${big}: segment 0` },
    { name: 'a missing file', args: ['kut', join(dir, 'nope.flat')], env, code: 2, message: 'nope.flat: cannot read: ENOENT' },
    { name: 'a bad --smp', args: ['kut', '--smp', '0', big], env, code: 2, message: '--smp: expected 1 to 64' },
    { name: 'a bad --env', args: ['kut', big, '--env', '1X=2'], env, code: 2, message: "--env: expected K=V" },
    { name: 'a bad --cpu', args: ['kut', '--cpu', 'max,+nosuchflag', big], env, code: 2, message: "--cpu: -cpu max,+nosuchflag: '+nosuchflag'" },
    { name: 'an unknown unittests.cfg key', args: ['run', suite], env, code: 2, message: `${join(suite, 'unittests.cfg')}:7: unknown unittests.cfg key 'mem'` },
    { name: 'the same under list', args: ['list', suite], env, code: 2, message: `${join(suite, 'unittests.cfg')}:7: unknown unittests.cfg key 'mem'` },
  ];
  const results = await runCases(cases);
  cases.forEach((c, i) => t.test(c.name, async (t) => assertOneLineError(t, c, results[i])));
});

t.test('the vendored kvm-unit-tests parse, and every image they name is there', async (t) => {
  const { readFileSync, existsSync } = await import('node:fs');
  const cfg = join(ROOT, 'unittests', 'kvm-unit-tests', 'unittests.cfg');
  const entries = kutEntries(cfg, readFileSync(cfg, 'utf8'), 3 * 2 ** 30);
  t.ok(entries.length >= 5, `${entries.length} sections`);
  for (const e of entries) t.ok(existsSync(e.image) && parseMultiboot(e.image, readFileSync(e.image), e.memSize), `${e.section}: ${e.image}`);
});
