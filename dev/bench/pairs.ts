// The paired figures (PIO, MMIO, lifecycle): C and kvmctl alternate, each run in a fresh child process,
// and both report the time of their own measured loop (process start-up is not part of these figures).
import { fileURLToPath } from 'node:url';
import { runChild, lastJson } from './child.js';
import { PAIR_FIGURES, type PairFigure } from './guests.js';
import { summarize, type Summary } from './stats.js';

export interface PairSizes {
  /** Loop count (exits) or lifecycles measured per run, and the untimed warm-up before it. */
  n: number;
  warmup: number;
}

export interface PairResult {
  figure: PairFigure;
  unit: string;
  n: number;
  c: Summary;
  kvmctl: Summary;
  /** kvmctl median over C median: the figure the targets judge. */
  ratio: number;
  /** kvmctl min over C min: less sensitive to other work on the host. */
  minRatio: number;
}

const KVMCTL_SIDE = fileURLToPath(new URL('./kvmctl-side.js', import.meta.url));

async function oneRun(side: 'c' | 'kvmctl', reference: string, figure: PairFigure, s: PairSizes) {
  const args = [figure, String(s.n), String(s.warmup)];
  const r = side === 'c' ? await runChild(reference, args) : await runChild(process.execPath, [KVMCTL_SIDE, ...args]);
  const out = lastJson(r.stdout);
  if (r.code !== 0 || !out || typeof out.value !== 'number') {
    throw new Error(`${side} ${figure} run failed (exit ${r.code}): ${r.stderr.trim() || r.stdout.trim()}`);
  }
  return { value: out.value, unit: String(out.unit), guest: String(out.guest) };
}

export async function runPair(reference: string, figure: PairFigure, sizes: PairSizes, rounds: number): Promise<PairResult> {
  const c: number[] = [], k: number[] = [];
  let unit = '';
  for (let round = 0; round < rounds; round++) {
    // Alternate which side goes first, so neither always runs on a just-warmed host.
    const order: Array<'c' | 'kvmctl'> = round % 2 ? ['kvmctl', 'c'] : ['c', 'kvmctl'];
    const got: Record<string, { value: number; unit: string; guest: string }> = {};
    for (const side of order) got[side] = await oneRun(side, reference, figure, sizes);
    if (got.c.guest !== got.kvmctl.guest) {
      throw new Error(`${figure}: guest bytes differ between reference.c (${got.c.guest}) and guests.ts (${got.kvmctl.guest})`);
    }
    c.push(got.c.value);
    k.push(got.kvmctl.value);
    unit = got.c.unit;
  }
  const cs = summarize(c), ks = summarize(k);
  return { figure, unit, n: sizes.n, c: cs, kvmctl: ks, ratio: ks.median / cs.median, minRatio: ks.min / cs.min };
}

export { PAIR_FIGURES };
