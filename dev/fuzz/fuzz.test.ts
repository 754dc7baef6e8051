// Guest fuzzing in CI: the generator is a pure function of (seed, index); a few hundred generated guests
// in real, protected and long mode all end in a verdict with no runner error, no leaked fd or vCPU
// mapping and a flat RSS; and the harness itself notices a thrown error, a leak, a crash and a hang,
// writing a reproducer for each.
// needs: /dev/kvm (without one, npm test runs this file inside kvmctl vm)
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { DEFAULT_LOAD, MODES, SYSTEM_AREA } from '../../kvmctl/machine/layout.js';
import { nodeChild, ROOT, scratchDir } from '../testdata/helpers.js';
import type { FuzzSummary } from './fuzz.js';
import { fuzzGuest } from './generate.js';

const FUZZ = join(ROOT, 'dist', 'dev', 'fuzz', 'fuzz.js');
/** Fixed, so CI runs the same guests every time; KVMCTL_FUZZ_SEED explores others. */
const SEED = Number(process.env.KVMCTL_FUZZ_SEED ?? 2026);
const COUNT = 300;
/**
 * RSS growth allowed in a child between its warm-up sample (50 guests) and its end (about 150 guests).
 * Seen: 0.3 to 2 MiB. A leaked protected- or long-mode guest RAM keeps at least its touched system
 * area (GDT, IDT, stubs, page tables: 128 KiB), so 100 leaked VMs would add over 12 MiB. fds and vCPU
 * mappings are checked exactly (per guest in the child, and here); soak.test.ts checks RSS closely.
 */
const RSS_SLACK = 8 * 1024 * 1024;

function fuzz(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(...nodeChild([FUZZ, ...args]), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b));
    child.stderr.on('data', (b: Buffer) => (stderr += b));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

t.test('the generator is a pure function of (seed, index)', async (t) => {
  const kinds = new Map<string, number>();
  for (let i = 0; i < 600; i++) {
    const a = fuzzGuest(SEED, i), b = fuzzGuest(SEED, i);
    if (Buffer.compare(a.image, b.image) !== 0 || a.mode !== b.mode || a.memSize !== b.memSize) {
      t.fail(`guest ${i} differs between two generations`);
      return;
    }
    kinds.set(`${a.mode} ${a.kind}`, (kinds.get(`${a.mode} ${a.kind}`) ?? 0) + 1);
    const end = a.load + a.image.length;
    if (a.image.length === 0 || end > a.memSize || (a.mode !== 'real' && end > SYSTEM_AREA.start)) {
      t.fail(`guest ${i} (${a.mode}, ${a.image.length} bytes) does not fit its machine`);
      return;
    }
  }
  t.same([...kinds.keys()].sort(), MODES.flatMap((m) => [`${m} bytes`, `${m} insns`]).sort(), 'every mode gets random bytes and instruction sequences');
  t.ok([...kinds.values()].every((n) => n === 100), 'in equal shares');
  t.not(Buffer.from(fuzzGuest(SEED, 4).image).toString('hex'), Buffer.from(fuzzGuest(SEED + 1, 4).image).toString('hex'), 'another seed, another guest');
  t.equal(fuzzGuest(SEED, 5, 'long').mode, 'long', '--mode forces the mode');
  t.equal(fuzzGuest(SEED, 4).load, DEFAULT_LOAD);
});

t.test(`${COUNT} fuzzed guests end in a verdict, with no runner error and nothing leaked`, async (t) => {
  const out = join(scratchDir(), 'reproducers');
  const r = await fuzz(['--count', String(COUNT), '--seed', String(SEED), '--json', '--sample-every', '100', '--out', out]);
  t.equal(r.code, 0, `exit 0 (stderr: ${r.stderr.slice(-2000)})`);
  const s = JSON.parse(r.stdout) as FuzzSummary;
  t.comment(`seed ${s.seed}: ${Object.entries(s.verdicts).map(([k, n]) => `${k} ${n}`).join(', ')}; ${(s.wall_ms / 1000).toFixed(1)} s`);
  t.equal(s.completed, COUNT, 'every guest was accounted for');
  t.equal(Object.values(s.verdicts).reduce((a, b) => a + b, 0), COUNT, 'and has exactly one verdict');
  t.same(s.runner_errors, [], 'no runner error');
  t.notOk(existsSync(out), 'so no reproducer was written');
  for (const m of MODES) t.equal(Object.values(s.by_mode[m] ?? {}).reduce((a, b) => a + b, 0), COUNT / 3, `${COUNT / 3} guests in ${m} mode`);
  t.ok(Object.keys(s.verdicts).length >= 5, `a variety of verdicts (${Object.keys(s.verdicts).length} kinds)`);
  // The host's KVM may keep a guest in KVM_RUN past every signal: that child is killed and replaced, and
  // the guest is a KVM finding, not a runner error. Nothing else replaces a child.
  for (const k of s.kvm_findings) t.comment(`KVM finding at index ${k.index} (${k.mode}): ${k.message.split(';')[0]}; ${k.reproducer}`);
  t.equal(s.children.length, s.jobs + s.kvm_findings.length, 'no child was replaced, but for KVM findings');
  const ended = s.children.filter((c) => c.end);
  t.equal(ended.length, s.jobs, 'each lane\'s last child was measured at the end');
  for (const c of ended) {
    if (!c.first || !c.end) continue;
    t.equal(c.end.fds, c.first.fds, `child ${c.pid}: ${c.first.fds} fds after the first guest, ${c.end.fds} after ${c.guests}`);
    t.equal(c.end.vcpuMaps, 0, `child ${c.pid}: no vCPU kvm_run mapping left`);
    if (!c.warm) continue; // a replacement that ran fewer guests than the warm-up
    t.ok(c.end.rss - c.warm.rss < RSS_SLACK,
      `child ${c.pid}: RSS ${(c.warm.rss / 2 ** 20).toFixed(1)} MiB after warm-up, ${(c.end.rss / 2 ** 20).toFixed(1)} MiB at the end (< +${RSS_SLACK / 2 ** 20} MiB)`);
  }
  t.ok(ended.some((c) => c.warm), 'the RSS check ran');
});

t.test('the harness catches a thrown error, a leak, a crash and a hang, with a reproducer for each', async (t) => {
  const out = join(scratchDir(), 'reproducers');
  const seed = 7;
  const injected = { 1: 'throw', 2: 'leak', 4: 'crash', 6: 'hang' } as const;
  // The grace tells a hung child from a slow one: generous, for an emulated CPU (inside kvmctl vm a
  // healthy child took more than 500 ms past a guest's timeout); the injected hang never answers.
  const r = await fuzz(['--count', '8', '--seed', String(seed), '--json', '--grace', '20000', '--jobs', '2', '--out', out,
    ...Object.entries(injected).flatMap(([i, k]) => ['--inject', `${k}@${i}`])]);
  t.equal(r.code, 1, 'runner errors fail the run');
  const s = JSON.parse(r.stdout) as FuzzSummary;
  t.equal(s.completed, 8, 'every guest was accounted for, the broken ones too');
  t.same(s.runner_errors.map((p) => [p.index, p.kind]).sort(), Object.entries(injected).map(([i, k]) => [Number(i), k]), 'each injected fault is a runner error of its kind');
  t.same(s.kvm_findings, [], 'none of them is blamed on KVM');
  t.match(s.runner_errors.find((p) => p.kind === 'hang')?.message ?? '', /not in KVM_RUN/, 'the hang was seen outside KVM_RUN');
  for (const p of s.runner_errors) {
    const json = JSON.parse(readFileSync(p.reproducer, 'utf8'));
    const guest = fuzzGuest(seed, p.index);
    t.same([json.seed, json.index, json.mode, json.error], [seed, p.index, guest.mode, p.kind], `${p.kind}: the reproducer names seed, index, mode and error`);
    t.equal(Buffer.compare(readFileSync(p.reproducer.replace(/\.json$/, '.bin')), guest.image), 0, `${p.kind}: the .bin is the guest`);
    t.equal(json.rerun, `npm run fuzz -- --seed ${seed} --index ${p.index}`);
  }
  t.ok(s.children.length >= 4, 'the crashed and the hung child were replaced');

  const one = await fuzz(['--seed', String(seed), '--index', '6', '--out', out]);
  t.equal(one.code, 0, '--index re-runs that one guest (without the injected fault)');
  t.match(one.stdout, `image: ${Buffer.from(fuzzGuest(seed, 6).image).toString('hex')}\n`, 'and shows its bytes');
  t.match(one.stdout, /^verdict: \S+/m, 'and its verdict');
});

t.test('bad fuzz flags are usage errors', async (t) => {
  for (const args of [['--count', 'x'], ['--mode', 'v86'], ['--bogus'], ['--inject', 'explode@1']]) {
    const r = await fuzz(args);
    t.equal(r.code, 2, `${args.join(' ')}: exit 2`);
    t.match(r.stderr, /^fuzz: /, 'one line naming the problem, then the usage');
  }
});
