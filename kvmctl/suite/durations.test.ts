// The duration record behind -j's longest-first order: written after a run, read before the next.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import t from 'tap';
import { cacheDir } from '../harness/guest-build.js';
import { scratchDir } from '../../dev/testdata/helpers.js';
import type { Spec } from '../harness/spec.js';
import { loadDurations, longestFirst, saveDurations } from './durations.js';

const dir = scratchDir();
const file = (name: string) => {
  const f = join(dir, `${name}.S`);
  writeFileSync(f, 'hlt\n');
  return f;
};
const spec = (name: string) => ({ name, file: file(name) }) as Spec;

t.test('the slowest test of the last run goes first; unrecorded tests go before them, in order', async (t) => {
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map(spec);
  saveDurations([{ file: a.file, durationMs: 5 }, { file: b.file, durationMs: 250 }, { file: c.file, durationMs: 12.345 }]);
  const record = loadDurations();
  t.equal(record.get(resolve(b.file)), 250);
  t.equal(record.get(resolve(c.file)), 12.35, 'kept to 0.01 ms');
  t.same(longestFirst([a, b, c, d], record).map((s) => s.name), ['d', 'b', 'c', 'a']);
});

t.test('a later run updates its own tests, keeps the others and drops files that are gone', async (t) => {
  const [a, b] = ['a', 'b'].map(spec);
  const gone = join(dir, 'gone.S');
  saveDurations([{ file: a.file, durationMs: 1 }, { file: gone, durationMs: 99 }]);
  const record = loadDurations();
  t.equal(record.get(resolve(a.file)), 1, 'updated');
  t.equal(record.get(resolve(b.file)), 250, 'kept');
  t.notOk(record.has(gone), 'a test file that does not exist is not kept');
});

t.test('a corrupt record is no record: the given order stands', async (t) => {
  writeFileSync(join(resolve(cacheDir()), 'durations.json'), '{not json');
  const specs = ['x', 'y'].map(spec);
  t.same(longestFirst(specs, loadDurations()).map((s) => s.name), ['x', 'y']);
});
