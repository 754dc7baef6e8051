// The assembler cache is safe to share: two `kvmctl exec` of the same source, started together on an
// empty cache folder, both assemble it, and neither may ever load a half-written binary. The cache
// folder is created 0700 and each binary appears in it at once (written beside it, then renamed).
// needs: /dev/kvm (without one, npm test runs this file inside kvmctl vm)
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { ROOT, runCli, scratchDir } from '../../dev/testdata/helpers.js';
import { loadGuest } from './guest-build.js';

const ROUNDS = 10;
const dir = scratchDir();
// Two megabytes of filler, jumped over, before the HLT, loaded at 1 MiB: ld writes the file in pieces, so
// a reader of a file still being written finds it short, and a run of that would not end in HLT.
const source = join(dir, 'big.S');
writeFileSync(source, '\tmov\t$0x2a, %eax\n\tjmp\t1f\n\t.fill 0x200000, 1, 0x90\n1:\thlt\n');
const LOAD = 0x100000;
const args = ['exec', source, '--mode', 'long', '--mem', '4M', '--load', String(LOAD), '--expect-exit', 'hlt', '--expect-reg', 'rax=0x2a', '--json'];

/**
 * Looks at every binary in `cache` over and over until `done`: a file of the wrong size is a partial one;
 * one of the right size is read and compared whenever it is a new file (inode or mtime).
 */
async function watch(cache: string, reference: Buffer, done: () => boolean): Promise<{ whole: number; partial: number }> {
  const seen = { whole: 0, partial: 0 };
  const checked = new Set<string>();
  while (!done()) {
    let names: string[] = [];
    try {
      names = readdirSync(cache).filter((e) => e.endsWith('.bin'));
    } catch {
      /* not created yet */
    }
    for (const name of names) {
      try {
        const st = statSync(join(cache, name));
        const id = `${st.ino}:${st.mtimeMs}`;
        if (st.size !== reference.length) seen.partial++;
        else if (checked.has(id)) seen.whole++;
        else if (Buffer.compare(readFileSync(join(cache, name)), reference) === 0) {
          checked.add(id);
          seen.whole++;
        } else seen.partial++;
      } catch {
        /* renamed away in between */
      }
    }
    await new Promise((r) => setTimeout(r, 1)); // about a thousand looks a second, leaving the CPUs to the runs
  }
  return seen;
}

t.test(`${ROUNDS} rounds of two concurrent cold kvmctl exec on one empty cache folder`, async (t) => {
  const reference = Buffer.from(loadGuest(source, { mode: 'long', load: LOAD })); // through this process's own cache
  t.equal(reference.length, 5 + 5 + 0x200000 + 1, 'the reference build');
  let whole = 0;
  const problems: string[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const cache = join(mkdtempSync(join(dir, 'round-')), 'kvmctl-cache'); // not there yet: both create it
    const env = { KVMCTL_CACHE_DIR: cache };
    let finished = false;
    const runs = Promise.all([
      runCli(args, env),
      // The second starts a little later each round, so that its look into the cache meets the first's write.
      new Promise((r) => setTimeout(r, (round - 1) * 15)).then(() => runCli(args, env)),
    ]).finally(() => (finished = true));
    const [seen, [a, b]] = await Promise.all([watch(cache, reference, () => finished), runs]);
    whole += seen.whole;
    if (seen.partial) problems.push(`round ${round}: a reader found a partial binary ${seen.partial} times`);
    for (const [name, r] of [['first', a], ['second', b]] as const) {
      const ok = r.code === 0 && JSON.parse(r.stdout || '{}').ok === true;
      if (!ok) problems.push(`round ${round}, ${name} run: exit ${r.code}, ${r.stdout.slice(0, 300)} ${r.stderr}`);
    }
    const entries = readdirSync(cache);
    const bins = entries.filter((e) => e.endsWith('.bin'));
    if (bins.length !== 1 || entries.length !== 1) problems.push(`round ${round}: the cache holds ${entries.join(', ')}`);
    else if (Buffer.compare(readFileSync(join(cache, bins[0])), reference) !== 0) problems.push(`round ${round}: the cached binary differs from the reference`);
    if ((statSync(cache).mode & 0o777) !== 0o700) problems.push(`round ${round}: the cache folder has mode ${(statSync(cache).mode & 0o777).toString(8)}`);
  }
  t.ok(whole > 0, `a third reader, this process, found the cached binary whole ${whole} times while the runs went on`);
  t.same(problems, [], `${ROUNDS * 2} runs: each ended in HLT with rax=0x2a; each round left one whole binary and no temporary file in a 0700 folder`);
});

t.test('external tools run only as a program and an argument array, never through a shell', async (t) => {
  const sources: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) walk(join(d, e.name));
      else if (e.isFile() && /\.ts$/.test(e.name) && !e.name.endsWith('.d.ts')) sources.push(join(d, e.name));
    }
  };
  for (const top of ['kvmctl', 'bin', 'dev', 'unittests']) walk(join(ROOT, top));
  const offenders: string[] = [];
  for (const file of sources) {
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      // exec and execSync take a command line for /bin/sh; the shell option turns the others into that too.
      if (/\bshell\s*:|\bexecSync\s*\(|(?<![.\w])exec\s*\(|child_process['"]\)?\.exec\b|\{[^}]*\bexec\b[^}]*\}\s*from\s*['"]node:child_process/.test(line)) {
        offenders.push(`${file.slice(ROOT.length + 1)}:${i + 1}: ${line.trim()}`);
      }
    });
  }
  t.ok(sources.length > 50, `${sources.length} source files looked at`);
  t.same(offenders, [], 'no exec, no execSync, no shell option');
});
