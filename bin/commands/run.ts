// `kvmctl run [PATTERN...]`: discover, select and run unittests in parallel, and report.
import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { InputError } from '../../kvmctl/errors.js';
import { checkOutputFile } from '../../kvmctl/util/output-file.js';
import { DURATION_FORMS, parseDuration } from '../../kvmctl/util/duration.js';
import { FORMATS, type Format, type RunPlan } from '../../kvmctl/suite/run-plan.js';
import type { Command } from './command.js';

export interface RunArgs {
  patterns: string[];
  group: string[];
  jobs: string;
  timeout?: string;
  repeat: string;
  shard?: string;
  format?: Format;
  output?: string;
  'known-failures': string;
  verbose: boolean;
  bisect: boolean;
}

export const runCommand: Command<RunArgs> = {
  name: 'run',
  usage: 'run [patterns..]',
  describe: 'run unittests: files, folders or name globs (default: ./unittests, else the bundled suite)',
  exits: {
    0: 'every selected test passed (skips and known failures allowed)',
    1: 'a test failed, passed unexpectedly (XPASS), was flaky or timed out',
    2: 'a bad flag or pattern, or a test that is malformed (header, includes, assembly)',
    3: 'this host cannot run tests: no usable /dev/kvm',
    125: 'only with --bisect: nothing could be tested (3 above, or every test skipped)',
    130: 'interrupted by SIGINT (Ctrl-C), after the partial summary',
    143: 'interrupted by SIGTERM, after the partial summary',
  },
  builder: (y: Argv) =>
    y
      .positional('patterns', { type: 'string', array: true, default: [], describe: 'test files, folders, or name globs such as "io-*"' })
      .option('group', { alias: 'g', type: 'string', array: true, default: [], describe: 'only tests in this group (repeatable: all must match)' })
      // Numbers are read as strings and checked here, so a bad value is quoted as typed (yargs would make it NaN).
      .option('jobs', { alias: 'j', type: 'string', default: String(availableParallelism()), describe: 'tests run in parallel (worker threads)', defaultDescription: `the number of cores, ${availableParallelism()}` })
      .option('timeout', { type: 'string', describe: "seconds (or 500ms, 2m) per test, overriding each header's timeout" })
      .option('repeat', { type: 'string', default: '1', describe: 'run each test N times; a changing verdict is FLAKY' })
      .option('shard', { type: 'string', describe: 'run shard I of N (I/N), a stable partition by test name' })
      .option('format', { choices: FORMATS, describe: 'report format', defaultDescription: 'pretty on a terminal, tap otherwise' })
      .option('output', { type: 'string', describe: 'write the report to this file' })
      .option('known-failures', { type: 'string', default: 'default', describe: "known-failures file, or 'none'", defaultDescription: 'the suite\'s known-failures/ (or the nearest above it), for this host' })
      .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'show console output and exits of passing tests too' })
      .option('bisect', { type: 'boolean', default: false, describe: 'exit 125 when nothing could be tested (for git bisect run)' }),
  handler: async (argv) => {
    const plan = parseRunArgs(argv);
    const { runSuite } = await import('../../kvmctl/suite/run-suite.js');
    return runSuite(plan);
  },
};

export function parseRunArgs(a: RunArgs): RunPlan {
  const whole = (flag: string, text: string, max: number): number => {
    if (!/^\d+$/.test(String(text).trim()) || Number(text) < 1 || Number(text) > max) throw new InputError(`${flag}: expected a whole number from 1 to ${max}, got '${text}'`);
    return Number(text);
  };
  const jobs = whole('--jobs', a.jobs, 256);
  const repeat = whole('--repeat', a.repeat, 10000);
  const timeoutMs = a.timeout === undefined ? undefined : parseDuration(String(a.timeout));
  if (a.timeout !== undefined && (timeoutMs === undefined || timeoutMs <= 0)) throw new InputError(`--timeout: expected a positive duration (${DURATION_FORMS}), got '${a.timeout}'`);
  let shard: RunPlan['shard'];
  if (a.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(a.shard);
    if (!m || Number(m[2]) < 1 || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw new InputError(`--shard: expected I/N with 1 <= I <= N, got '${a.shard}'`);
    shard = { index: Number(m[1]), count: Number(m[2]) };
  }
  if (a.output !== undefined) checkOutputFile('--output', a.output);
  return {
    ...a,
    patterns: a.patterns.map(String),
    shard,
    jobs,
    repeat,
    timeoutMs,
    format: a.format ?? (process.stdout.isTTY ? 'pretty' : 'tap'),
  };
}
