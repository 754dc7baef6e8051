// `kvmctl exec` as a user runs it (the compiled CLI in a child process, against /dev/kvm): the --json
// contract, the --expect-* checks and their exit codes, --trace, and the timeout.
// needs: /dev/kvm (without one, npm test runs this file inside kvmctl vm)
import t from 'tap';
import { REG_NAMES } from '../kvmctl/engine/abi/structs.js';
import { fixture, guest, HANG_GUARD_MS, hex, LOAD, runCli, type CliResult } from '../dev/testdata/helpers.js';

const HEX = /^0x[0-9a-f]+$/;

/** Runs exec with --json and parses the one line it prints. */
async function execJson(args: string[]): Promise<{ r: CliResult; json: Record<string, any> }> {
  const r = await runCli(['exec', ...args, '--json']);
  const lines = r.stdout.split('\n').filter(Boolean);
  if (lines.length !== 1) throw new Error(`--json printed ${lines.length} lines: ${r.stdout}${r.stderr}`);
  let json: Record<string, any>;
  try {
    json = JSON.parse(lines[0]);
  } catch (e) {
    throw new Error(`--json printed a line that is not JSON (${(e as Error).message}): ${lines[0]} ${r.stderr}`);
  }
  if (typeof json !== 'object' || json === null) throw new Error(`--json printed ${lines[0]}, not an object`);
  return { r, json };
}

t.test('--json shape: hlt, regs, sregs, exits and console (real mode)', async (t) => {
  const { r, json } = await execJson([fixture('console.S')]);
  t.equal(r.code, 0, 'exit code 0');
  t.equal(r.stderr, '', 'nothing on stderr');
  t.same(Object.keys(json).filter((k) => ['exit', 'regs', 'sregs', 'exits', 'console', 'ok', 'failures'].includes(k)).sort(),
    ['console', 'exit', 'exits', 'failures', 'ok', 'regs', 'sregs'], 'every contract key is present');
  t.same(json.exit, { reason: 'hlt' }, 'exit');
  t.same(Object.keys(json.regs).sort(), [...REG_NAMES].sort(), 'regs has every GPR plus rip and rflags');
  for (const [k, v] of Object.entries(json.regs)) t.match(v, HEX, `regs.${k} is a 0x-hex string`);
  t.equal(json.regs.rbx, '0x42', 'regs.rbx as the guest left it');
  t.equal(json.regs.rip, hex(LOAD + guest('console.S', 'real').length), 'regs.rip just past the hlt');
  t.same(Object.keys(json.sregs).sort(), ['cr0', 'cr2', 'cr3', 'cr4', 'efer'], 'sregs has cr0, cr2, cr3, cr4 and efer');
  for (const [k, v] of Object.entries(json.sregs)) t.match(v, HEX, `sregs.${k} is a 0x-hex string`);
  t.equal(BigInt(json.sregs.cr0) & 1n, 0n, 'real mode: CR0.PE clear');
  t.same(json.exits, [
    { reason: 'io', direction: 'out', port: '0xe9', size: 1, count: 1, data_offset: '0x1000', data: '0x68' },
    { reason: 'io', direction: 'out', port: '0xe9', size: 1, count: 1, data_offset: '0x1000', data: '0x69' },
    { reason: 'io', direction: 'out', port: '0xe9', size: 1, count: 1, data_offset: '0x1000', data: '0xa' },
    { reason: 'hlt' },
  ], 'exits: the trace, io with port/direction/size/data');
  t.equal(json.console, 'hi\n', 'console is the text written to port 0xe9');
  t.equal(json.ok, true, 'ok');
  t.same(json.failures, [], 'no failures');
});

t.test('--json sregs in long mode', async (t) => {
  const { r, json } = await execJson([fixture('console.S'), '--mode', 'long']);
  t.equal(r.code, 0);
  const sregs = Object.fromEntries(Object.entries(json.sregs).map(([k, v]) => [k, BigInt(v as string)]));
  t.equal(sregs.cr0 & 0x80000001n, 0x80000001n, 'CR0.PG and CR0.PE');
  t.equal(sregs.cr4 & 0x20n, 0x20n, 'CR4.PAE');
  t.equal(sregs.efer & 0x500n, 0x500n, 'EFER.LME and EFER.LMA');
  t.not(sregs.cr3, 0n, 'CR3 points at the page tables');
  t.equal(json.console, 'hi\n');
});

t.test('--json exits: io of each size and mmio write/read', async (t) => {
  const out = await execJson([fixture('out.S'), '--mode', 'protected']);
  t.equal(out.r.code, 0);
  t.same(out.json.exits.slice(0, 3), [
    { reason: 'io', direction: 'out', port: '0x80', size: 1, count: 1, data_offset: '0x1000', data: '0x11' },
    { reason: 'io', direction: 'out', port: '0x82', size: 2, count: 1, data_offset: '0x1000', data: '0x2233' },
    { reason: 'io', direction: 'out', port: '0x84', size: 4, count: 1, data_offset: '0x1000', data: '0x44556677' },
  ], 'io exits');
  const mmio = await execJson([fixture('mmio.S'), '--mode', 'long', '--expect-mem', '0x2000=ffffffffff']);
  t.equal(mmio.r.code, 0, 'unanswered MMIO reads return all-ones');
  t.same(mmio.json.exits, [
    { reason: 'mmio', write: true, address: '0x10000000', length: 4, data: '0xdeadbeef' },
    { reason: 'mmio', write: false, address: '0x10000010', length: 4 },
    { reason: 'mmio', write: false, address: '0x10000020', length: 1 },
    { reason: 'hlt' },
  ], 'mmio exits with address/length/data/write');
});

t.test('--json exit: exception with vector, error_code and rip', async (t) => {
  const { r, json } = await execJson([fixture('gp-selector.S'), '--mode', 'protected']);
  t.equal(r.code, 1, 'an unexpected exception fails the run: exit code 1');
  t.equal(json.exit.reason, 'exception');
  t.equal(json.exit.vector, 13, 'vector');
  t.equal(Number(json.exit.error_code), 0x1238, 'error_code');
  t.equal(json.exit.rip, hex(LOAD + 0x10), 'rip');
  t.equal(json.ok, false);
  t.equal(json.failures.length, 1, 'one failure');
  t.match(json.failures[0], /exit: expected hlt or status 0, got exception #GP \(vector 13\) error_code=0x1238 at rip=0x1010/, 'the failure says which exception, where');

  const ud = await execJson([fixture('ud2.S'), '--mode', 'long', '--expect-exit', 'exception']);
  t.equal(ud.r.code, 0, '--expect-exit exception holds: exit code 0');
  t.equal(ud.json.exit.vector, 6);
  t.equal(Number(ud.json.exit.error_code), 0);
  t.equal(ud.json.exit.rip, hex(LOAD + 0x10));
  t.equal(ud.json.ok, true);
});

t.test('--json exit: status with its value', async (t) => {
  const pass = await execJson([fixture('status.S'), '--reg', 'rax=0']);
  t.equal(pass.r.code, 0, 'status 0 passes: exit code 0');
  t.same(pass.json.exit, { reason: 'status', value: 0 });
  t.equal(pass.json.ok, true);
  const fail = await execJson([fixture('status.S'), '--reg', 'rax=7']);
  t.equal(fail.r.code, 1, 'status 7 fails: exit code 1');
  t.same(fail.json.exit, { reason: 'status', value: 7 });
  t.equal(fail.json.ok, false);
  t.match(fail.json.failures, [/status 7/]);
});

t.test('--expect-reg, --expect-exit and --expect-mem: pass and fail', async (t) => {
  const cases: Array<[string, string[], number, RegExp | undefined]> = [
    ['--expect-reg holds', ['--expect-reg', 'rbx=0x42', '--expect-reg', 'rax=10'], 0, undefined],
    ['--expect-reg fails', ['--expect-reg', 'rbx=0x43'], 1, /^rbx: expected 0x43, got 0x42$/],
    ['--expect-reg on a control register', ['--mode', 'long', '--expect-reg', 'efer=0x500'], 0, undefined],
    ['--expect-exit holds', ['--expect-exit', 'hlt'], 0, undefined],
    ['--expect-exit fails', ['--expect-exit', 'shutdown'], 1, /^exit: expected shutdown, got hlt$/],
    ['--expect-mem holds', ['--expect-mem', '0x2000=01020304'], 0, undefined],
    ['--expect-mem fails', ['--expect-mem', '0x2000=01020305'], 1, /^mem 0x2000: expected 01020305, got 01020304$/],
    ['--expect-mem outside memory fails', ['--expect-mem', '0x40000000=00'], 1, /^mem 0x40000000: .*not guest memory/],
  ];
  for (const [name, args, code, failure] of cases) {
    const { r, json } = await execJson([fixture('console.S'), ...args]);
    t.equal(r.code, code, `${name}: exit code ${code}`);
    t.equal(json.ok, code === 0, `${name}: ok`);
    if (failure) t.match(json.failures, [failure], `${name}: the failure names it`);
    else t.same(json.failures, [], `${name}: no failures`);
  }
  const text = await runCli(['exec', fixture('console.S'), '--expect-reg', 'rbx=0x43']);
  t.equal(text.code, 1, 'text output: exit code 1');
  t.match(text.stdout, /^FAIL rbx: expected 0x43, got 0x42$/m, 'text output names the failure');
});

t.test('--trace prints every exit on stderr', async (t) => {
  const r = await runCli(['exec', fixture('console.S'), '--trace']);
  t.equal(r.code, 0);
  t.same(r.stderr.split('\n').filter(Boolean), [
    'exit io direction=out port=0xe9 size=1 count=1 data_offset=0x1000 data=0x68',
    'exit io direction=out port=0xe9 size=1 count=1 data_offset=0x1000 data=0x69',
    'exit io direction=out port=0xe9 size=1 count=1 data_offset=0x1000 data=0xa',
    'exit hlt',
  ]);
});

t.test('--timeout 1 stops a jmp . guest', async (t) => {
  const { r, json } = await execJson([fixture('spin.S'), '--timeout', '1']);
  t.equal(r.code, 1, 'exit code 1');
  t.equal(json.exit.reason, 'timeout', 'exit reason timeout');
  t.equal(json.exit.rip, hex(LOAD), 'its RIP is the jmp .');
  t.equal(json.regs.rip, hex(LOAD), 'regs.rip too');
  t.equal(json.ok, false);
  t.match(json.failures, [/timeout at rip=0x1000/]);
  t.ok(r.ms < HANG_GUARD_MS, `the command ended after ${r.ms.toFixed(0)} ms (a hang guard: a timeout that failed would spin for ever)`);

  const ms = await execJson([fixture('spin.S'), '--timeout', '500ms']);
  t.equal(ms.json.exit.reason, 'timeout', '--timeout 500ms: a duration in milliseconds works too');

  const text = await runCli(['exec', fixture('spin.S'), '--timeout', '1', '--mode', 'long']);
  t.equal(text.code, 1, 'long mode, text output: exit code 1');
  t.match(text.stdout, /^exit: timeout at rip=0x1000$/m, 'text output: exit: timeout at rip=0x1000');
  t.ok(text.ms < HANG_GUARD_MS, `long mode: ended after ${text.ms.toFixed(0)} ms (a hang guard)`);
});
