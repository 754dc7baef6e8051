// One duration syntax (kvmctl/util/duration.ts) wherever a duration is read: the header's timeout:,
// run --timeout, exec --timeout, and vm's --timeout, --boot-timeout and --freeze-timeout.
import t from 'tap';
import { parseHeader } from '../kvmctl/harness/header.js';
import { DEFAULT_TIMEOUT_MS, parseDuration } from '../kvmctl/util/duration.js';
import { parseExecArgs, type ExecArgs } from './commands/exec.js';
import { parseRunArgs, type RunArgs } from './commands/run.js';
import { parseVmArgs, type VmArgs } from './commands/vm.js';

const FORMS: Array<[string, number]> = [['500ms', 500], ['0.5', 500], ['1.5s', 1500], ['30', 30_000], ['2m', 120_000]];

const header = (...lines: string[]) => parseHeader('t.S', ['/*', ' * feature: durations', ...lines.map((l) => ` * ${l}`), ' */', '\thlt', ''].join('\n'));
const run = (timeout?: string) =>
  parseRunArgs({ patterns: [], group: [], jobs: '1', repeat: '1', timeout, 'known-failures': 'none', verbose: false, bisect: false, format: 'tap' } as RunArgs);
const execPlan = (timeout?: string) =>
  parseExecArgs({ file: 'g.S', mode: 'real', mem: '2M', reg: [], 'expect-reg': [], 'expect-mem': [], timeout, trace: false, json: false } as ExecArgs);
const vm = (flag: 'timeout' | 'boot-timeout' | 'freeze-timeout', text: string) =>
  parseVmArgs({ accel: 'auto', smp: 2, mem: '2G', 'tcg-threads': 'multi', 'boot-timeout': '60', timeout: '3600', 'freeze-timeout': '30', verbose: false, bisect: false, _: ['vm'], [flag]: text } as VmArgs);

t.test('every form is read the same everywhere', async (t) => {
  for (const [text, ms] of FORMS) {
    t.equal(parseDuration(text), ms, `parseDuration ${text}`);
    t.equal(header(`timeout: ${text}`).timeoutMs, ms, `timeout: ${text}`);
    t.equal(run(text).timeoutMs, ms, `run --timeout ${text}`);
    t.equal(execPlan(text).timeoutMs, ms, `exec --timeout ${text}`);
    t.equal(vm('timeout', text).commandTimeoutMs, ms, `vm --timeout ${text}`);
    t.equal(vm('boot-timeout', text).bootTimeoutMs, ms, `vm --boot-timeout ${text}`);
    t.equal(vm('freeze-timeout', text).freezeMs, ms, `vm --freeze-timeout ${text}`);
  }
});

t.test('the default is 10 s, for a header without timeout: and for exec without --timeout', async (t) => {
  t.equal(DEFAULT_TIMEOUT_MS, 10_000);
  t.equal(header().timeoutMs, DEFAULT_TIMEOUT_MS);
  t.equal(execPlan().timeoutMs, DEFAULT_TIMEOUT_MS);
  t.equal(run().timeoutMs, undefined, "run without --timeout keeps each header's");
});

t.test('zero and words are refused; vm --timeout 0 means no limit', async (t) => {
  for (const bad of ['0', '0ms', 'soon', '-1', '5h']) {
    t.throws(() => header(`timeout: ${bad}`), { message: /invalid timeout/ }, `timeout: ${bad}`);
    t.throws(() => run(bad), { message: /--timeout: expected a positive duration/ }, `run --timeout ${bad}`);
    t.throws(() => execPlan(bad), { message: /--timeout: expected a positive duration/ }, `exec --timeout ${bad}`);
    t.throws(() => vm('boot-timeout', bad), { message: /--boot-timeout: expected a positive duration/ }, `vm --boot-timeout ${bad}`);
  }
  t.equal(vm('timeout', '0').commandTimeoutMs, 0);
});
