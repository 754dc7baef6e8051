// Reading, comparing and merging the JSON results of `kvmctl run --format json`.
import { readFileSync } from 'node:fs';
import { InputError } from '../errors.js';
import { JSON_FORMAT_VERSION, type JsonReport } from './json.js';
import { isFailure, type Verdict } from './model.js';

export function readResult(file: string): JsonReport {
  let data: JsonReport;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: ${code ? `cannot read: ${code}` : `not JSON: ${(e as Error).message}`}`);
  }
  if (data?.format !== JSON_FORMAT_VERSION || !Array.isArray(data.tests)) {
    throw new InputError(`${file}: not a kvmctl JSON result (format ${JSON_FORMAT_VERSION}); make one with kvmctl run --format json`);
  }
  // Every field compare and merge read, checked: a wrong or foreign file names the field, never crashes.
  const bad = (field: string, want: string) => new InputError(`${file}: ${field}: expected ${want}; make results with kvmctl run --format json`);
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(data.summary)) throw bad('summary', 'an object');
  for (const k of ['passed', 'failed', 'skipped', 'xfail', 'xpass', 'flaky', 'timeout', 'wallMs'] as const) {
    if (typeof data.summary[k] !== 'number') throw bad(`summary.${k}`, 'a number');
  }
  if (!isObject(data.host_key)) throw bad('host_key', 'an object');
  for (const k of ['module', 'kernel', 'vendor'] as const) if (typeof data.host_key[k] !== 'string') throw bad(`host_key.${k}`, 'a string');
  if (typeof data.started !== 'string') throw bad('started', 'a date string');
  data.tests.forEach((t, i) => {
    if (!isObject(t)) throw bad(`tests[${i}]`, 'an object');
    if (typeof t.name !== 'string' || !t.name) throw bad(`tests[${i}].name`, 'a test name');
    if (!VERDICTS.includes(t.verdict as Verdict)) throw bad(`tests[${i}].verdict`, `one of ${VERDICTS.join(', ')}`);
  });
  return data;
}

const VERDICTS: Verdict[] = ['pass', 'fail', 'timeout', 'skip', 'xfail', 'xpass', 'flaky'];

/** Results from hosts with different keys measure different KVMs: merging them needs --force. */
export function checkSameHost(files: string[], parts: JsonReport[], force: boolean): void {
  const key = (p: JsonReport) => JSON.stringify(p.host_key);
  const other = parts.findIndex((p) => key(p) !== key(parts[0]));
  if (other > 0 && !force) {
    const show = (p: JsonReport) => Object.values(p.host_key).join(' ');
    throw new InputError(`merge: ${files[other]} comes from host '${show(parts[other])}', ${files[0]} from '${show(parts[0])}'; pass --force to merge results of different hosts`);
  }
}

type Row = { name: string; before: string; after: string };

const passed = (v: string) => v === 'pass' || v === 'xpass';

export function compareResults(a: JsonReport, b: JsonReport) {
  const before = new Map(a.tests.map((t) => [t.name, t.verdict]));
  const after = new Map(b.tests.map((t) => [t.name, t.verdict]));
  const out = { regressed: [] as Row[], fixed: [] as Row[], skipChanged: [] as Row[], changed: [] as Row[], added: [] as string[], removed: [] as string[] };
  for (const [name, was] of before) {
    const now = after.get(name);
    if (now === undefined) { out.removed.push(name); continue; }
    if (now === was) continue;
    const row = { name, before: was, after: now };
    if (was === 'skip' || now === 'skip') out.skipChanged.push(row);
    else if (passed(was) && !passed(now)) out.regressed.push(row);
    else if (!passed(was) && passed(now)) out.fixed.push(row);
    else out.changed.push(row);
  }
  for (const name of after.keys()) if (!before.has(name)) out.added.push(name);
  return { before: a.host_key, after: b.host_key, ...out };
}

export function mergeResults(parts: JsonReport[]): JsonReport {
  if (parts.length === 0) throw new InputError('merge: name at least one JSON result');
  const seen = new Set<string>();
  const tests = parts.flatMap((p) => p.tests).sort((x, y) => x.name.localeCompare(y.name));
  for (const t of tests) {
    if (seen.has(t.name)) throw new InputError(`merge: test '${t.name}' appears in more than one result`);
    seen.add(t.name);
  }
  const count = (v: Verdict) => tests.filter((t) => t.verdict === v).length;
  return {
    ...parts[0],
    shard: undefined,
    started: parts.map((p) => p.started).sort()[0],
    summary: {
      passed: count('pass'), failed: tests.filter((t) => isFailure(t.verdict as Verdict)).length, skipped: count('skip'),
      xfail: count('xfail'), xpass: count('xpass'), flaky: count('flaky'), timeout: count('timeout'),
      wallMs: Math.max(...parts.map((p) => p.summary.wallMs)),
    },
    tests,
  };
}
