// The body of `kvmctl run`: select, run on the worker pool, judge, report, and pick the exit code.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT, HostError } from '../errors.js';
import { hostKey } from '../host.js';
import { checkDevice } from '../engine/kvm/device-check.js';
import { tapHeader, tapPoint } from '../report/tap.js';
import { defaultSuiteDir, findTestFiles, selectTests, testNames } from './discover.js';
import { kvmctlVersion } from '../version.js';
import { loadDurations, longestFirst, saveDurations } from './durations.js';
import { loadKnownFailures, type KnownFailures } from './known-failures.js';
import { Pool, type Job } from './pool.js';
import { shardSpecs } from './select.js';
import { summarize, summaryLines, type TestReport } from '../report/model.js';
import { judge } from './verdict.js';
import type { TestResult } from '../harness/execute.js';
import type { RunPlan } from './run-plan.js';

/** The whole suite, so that a known-failures entry naming none of its tests is an error of this run. */
const wholeSuite = (plan: RunPlan): boolean =>
  plan.group.length === 0 && plan.patterns.every((p) => existsSync(p) && statSync(p).isDirectory()) && (plan.shard?.index ?? 1) === 1;

/** Entries (of any host's section) that name no test of the suite: reported as failures, as XPASS is. */
function staleEntries(known: KnownFailures, suiteDir: string): TestReport[] {
  const names = new Set(testNames(findTestFiles([suiteDir])));
  return known.all.filter((k) => !names.has(k.name)).map((k) => {
    const reason = `${k.where}: the known failure '${k.name}' names no test in ${suiteDir}`;
    return { name: k.name, file: k.where, feature: 'a known-failures entry', groups: [], verdict: 'fail', reason, failures: [reason], durationMs: 0, exits: [], exitCount: 0, console: '' };
  });
}

export async function runSuite(plan: RunPlan): Promise<number> {
  const started = new Date();
  const t0 = performance.now();
  const selected = selectTests(plan.patterns, plan.group);
  const paths = selected.paths;
  let specs = selected.specs;
  if (plan.shard) specs = shardSpecs(specs, plan.shard.index, plan.shard.count);
  // The one place a test's timeout is decided: the flag, else its header (which has the default).
  if (plan.timeoutMs !== undefined) specs = specs.map((s) => ({ ...s, timeoutMs: plan.timeoutMs! }));
  if (plan.jobs > 1) specs = longestFirst(specs, loadDurations());

  const host = hostKey();
  const suiteDir = paths.length === 1 && statSync(paths[0]).isDirectory() ? paths[0] : defaultSuiteDir();
  const known = loadKnownFailures(plan['known-failures'], suiteDir, host);
  // Entries are checked against the suite they belong to, so only a run of all of that suite can.
  const stale = wholeSuite(plan) && known.suiteRoot === resolve(suiteDir) ? staleEntries(known, suiteDir) : [];
  // Input errors come first (exit 2 wins over 3): the workers would find them, so look here before
  // saying that the host cannot run guests.
  const hostFailure = async (e: unknown): Promise<number> => {
    if (!(e instanceof HostError)) throw e;
    const { checkTestInput } = await import('../harness/check-input.js');
    for (const spec of specs) checkTestInput(spec);
    if (!plan.bisect) throw e;
    process.stderr.write(`kvmctl: ${e.message} (nothing tested: exit 125 for git bisect)\n`);
    return EXIT.bisectSkip;
  };
  // Fail fast, without loading the FFI here, when this host cannot run guests; the workers' own
  // open of the device catches the rest (a character device that is not KVM, say).
  try {
    checkDevice();
  } catch (e) {
    return await hostFailure(e);
  }

  const toFile = plan.output !== undefined;
  const stream = plan.format === 'pretty' || (plan.format === 'tap' && !toFile);
  // Only the chosen report's module is loaded: each costs start-up time (bisection loops).
  const pretty = plan.format === 'pretty' ? new (await import('../report/pretty.js')).PrettyReporter(process.stdout, specs.length + stale.length, plan.verbose) : undefined;
  // The TAP header waits for the first result: a run that cannot start leaves no truncated stream.
  let tapText = '';
  const reports: TestReport[] = [];
  const emit = (report: TestReport) => {
    if (plan.format === 'tap' && reports.length === 0) {
      tapText = tapHeader(specs.length + stale.length);
      if (!toFile) process.stdout.write(tapText);
    }
    reports.push(report);
    pretty?.test(report);
    if (plan.format === 'tap') {
      const point = tapPoint(reports.length, report, plan.verbose);
      tapText += point;
      if (!toFile) process.stdout.write(point);
    }
  };

  const jobs: Job[] = specs.flatMap((spec) => Array.from({ length: plan.repeat }, () => ({ spec, expectFailure: known.forHost.has(spec.name) })));
  const runs = new Map<string, TestResult[]>();
  const running = new Set<string>();
  const pool = new Pool(plan.jobs, plan.verbose);
  // _exit, for leaving without joining a worker stuck in a system call. Its FFI is loaded only when it may be needed.
  let exitNow: ((code: number) => never) | undefined;
  const loadExit = () => import('../engine/sys/exit.js').then((m) => (exitNow = m.exitNow));
  let signal: NodeJS.Signals | undefined;
  const onSignal = (s: NodeJS.Signals) => {
    if (signal) (exitNow ?? process.exit)(s === 'SIGINT' ? 130 : 143); // a second Ctrl-C does not wait, not even for a stuck thread
    void loadExit();
    signal = s;
    process.stderr.write(`\nkvmctl: ${s}: stopping the guests\n`);
    pool.interrupt();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let lingering = 0;
  try {
    await pool.run(jobs, (_i, result) => {
      const spec = specs.find((s) => s.name === result.name)!;
      const list = runs.get(spec.name) ?? [];
      list.push(result);
      runs.set(spec.name, list);
      if (list.length < plan.repeat) return;
      running.delete(spec.name);
      if (reports.length === 0) stale.forEach(emit);
      emit(judge(spec, list, known));
      pretty?.progress([...running]);
    });
    if (reports.length === 0) stale.forEach(emit);
  } catch (e) {
    // awaited here: a rejection left pending while finally awaits pool.close() is an unhandled one
    return await hostFailure(e); // a worker could not open the device
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    lingering = await pool.close();
  }

  const summary = summarize(reports, performance.now() - t0);
  if (!signal) saveDurations(reports.filter((r) => r.verdict !== 'skip' && !stale.includes(r)));
  const lines = summaryLines(summary);
  if (signal) lines.unshift(`interrupted by ${signal}: ${reports.length} of ${specs.length} tests finished`);
  const sorted = [...reports].sort((a, b) => a.name.localeCompare(b.name));
  let document: string | undefined;
  if (plan.format === 'json') document = JSON.stringify((await import('../report/json.js')).jsonReport(sorted, summary, host, kvmctlVersion(), started, plan.shard && `${plan.shard.index}/${plan.shard.count}`), null, 2) + '\n';
  if (plan.format === 'junit') document = (await import('../report/junit.js')).junitReport(sorted, summary, host);
  if (plan.format === 'tap') document = tapText;
  if (toFile) writeFileSync(plan.output!, document ?? '');
  else if (!stream && document) process.stdout.write(document);

  const xfails = sorted.filter((r) => r.verdict === 'xfail');
  if (pretty) pretty.end(lines, xfails);
  else {
    // Summary lines go where they do not corrupt a machine-readable report on stdout.
    const out = !toFile && (plan.format === 'json' || plan.format === 'junit') ? process.stderr : process.stdout;
    const prefix = plan.format === 'tap' && !toFile ? '# ' : ''; // TAP comments, then the plain summary
    for (const r of xfails) out.write(`${prefix}xfail ${r.name}: ${r.knownFailure}\n`);
    for (const l of lines) out.write(l + '\n');
  }

  let code: number = summary.failed > 0 ? EXIT.failed : EXIT.ok;
  if (signal) code = signal === 'SIGINT' ? 130 : 143;
  else if (plan.bisect && summary.skipped === reports.length) {
    process.stderr.write('kvmctl: every selected test was skipped: nothing tested (exit 125 for git bisect)\n');
    code = EXIT.bisectSkip;
  }
  if (lingering > 0) {
    // A normal exit would join that thread, and wait for ever.
    process.stderr.write(`kvmctl: ${lingering} worker thread${lingering > 1 ? 's' : ''} did not end (stuck in a system call, such as a KVM_RUN the host never returns from); exiting without ${lingering > 1 ? 'them' : 'it'}\n`);
    await loadExit();
    exitNow!(code);
  }
  return code;
}
