// Longest tests first, as gtest-parallel does: each run records how long every test took, and the
// next run with -j starts the slow ones first, so no worker is left with a long test at the end.
// The record lives in the cache folder; losing it only costs the ordering.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cacheDir } from '../harness/guest-build.js';
import type { Spec } from '../harness/spec.js';

const recordFile = () => join(resolve(cacheDir()), 'durations.json');

/** Milliseconds per test file, from the last run that ran it; empty when there is no usable record. */
export function loadDurations(): Map<string, number> {
  try {
    const data = JSON.parse(readFileSync(recordFile(), 'utf8')) as Record<string, unknown>;
    return new Map(Object.entries(data).filter((e): e is [string, number] => typeof e[1] === 'number'));
  } catch {
    return new Map();
  }
}

/** Slowest first by the record; tests without one go first, in their given order (the sort is stable). */
export function longestFirst(specs: Spec[], durations: Map<string, number>): Spec[] {
  const ms = (s: Spec) => durations.get(resolve(s.file)) ?? Infinity;
  return [...specs].sort((a, b) => ms(b) - ms(a));
}

/** Adds this run's durations to the record; tests whose files are gone leave it. Never fails the run. */
export function saveDurations(results: { file: string; durationMs: number }[]): void {
  try {
    const record = loadDurations();
    for (const r of results) record.set(resolve(r.file), Math.round(r.durationMs * 100) / 100);
    for (const file of record.keys()) if (!existsSync(file)) record.delete(file);
    mkdirSync(resolve(cacheDir()), { recursive: true, mode: 0o700 });
    const temp = `${recordFile()}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(Object.fromEntries(record)) + '\n', { mode: 0o600 });
    renameSync(temp, recordFile()); // a parallel run sees one whole record or the other
  } catch {
    /* an unwritable cache folder costs the ordering only */
  }
}
