// The body of `kvmctl exec`: build the machine, run the guest, check the expectations, print.
import type { Regs, Sregs } from '../engine/abi/structs.js';
import { openSystem } from '../engine/kvm/open.js';
import { checkImage, Machine } from '../machine/machine.js';
import { runMachine, type Final, type Outcome } from '../machine/run.js';
import { describeExit, formatEntry, hex } from '../machine/trace.js';
import { buildGuest } from './check-input.js';
import { EXIT } from '../errors.js';
import type { Mode } from '../machine/layout.js';

/** A `kvmctl exec`, every setting resolved. */
export interface ExecPlan {
  file: string;
  mode: Mode;
  memSize: number;
  load: number;
  entry?: number;
  regs: Record<string, bigint>;
  expectRegs: Array<[string, bigint]>;
  expectExit?: string;
  expectMem: Array<[number, Uint8Array]>;
  timeoutMs: number;
  trace: boolean;
  json: boolean;
}

export function runExec(plan: ExecPlan): number {
  const image = buildGuest(plan.file, plan.mode, plan.load); // .include finds what it finds under `kvmctl run`
  checkImage({ mode: plan.mode, memSize: plan.memSize, load: plan.load, entry: plan.entry, image }); // before KVM: exit 2 wins over 3
  const system = openSystem();
  let machine: Machine | undefined;
  try {
    machine = new Machine(system, {
      mode: plan.mode, memSize: plan.memSize, load: plan.load, entry: plan.entry, image, regs: plan.regs as Partial<Regs>,
    });
    machine.vcpu.setCpuid(system.supportedCpuid()); // as any VMM, and as `kvmctl run` does
    const outcome = runMachine(machine, {
      timeoutMs: plan.timeoutMs,
      onTrace: plan.trace ? (e) => process.stderr.write(`exit ${formatEntry(e)}\n`) : undefined,
    });
    const failures = check(plan, outcome, machine);
    if (plan.json) process.stdout.write(JSON.stringify(toJson(outcome, failures)) + '\n');
    else printText(outcome, failures);
    return failures.length === 0 ? EXIT.ok : EXIT.failed;
  } finally {
    machine?.close();
    system.close();
  }
}

/** Without --expect-exit a run must end cleanly: HLT, or a status write of 0. */
function check(plan: ExecPlan, o: Outcome, machine: Machine): string[] {
  const failures: string[] = [];
  const f = o.final;
  if (plan.expectExit !== undefined) {
    if (f.reason !== plan.expectExit) failures.push(`exit: expected ${plan.expectExit}, got ${summarize(f)}`);
  } else if (!(f.reason === 'hlt' || (f.reason === 'status' && f.value === 0))) {
    failures.push(`exit: expected hlt or status 0, got ${summarize(f)}`);
  }
  for (const [name, want] of plan.expectRegs) {
    const got = name in o.regs ? o.regs[name as keyof Regs] : (o.sregs[name as keyof Sregs] as bigint);
    if (got !== want) failures.push(`${name}: expected ${hex(want)}, got ${hex(got)}`);
  }
  for (const [addr, want] of plan.expectMem) {
    const at = machine.slotAt(BigInt(addr));
    const got = at && at.offset + want.length <= at.slot.size ? at.slot.memory.readBytes(at.offset, want.length) : undefined;
    const show = (b: Uint8Array) => Buffer.from(b).toString('hex');
    if (!got) failures.push(`mem ${hex(addr)}: expected ${show(want)}, but it is not guest memory`);
    else if (show(got) !== show(want)) failures.push(`mem ${hex(addr)}: expected ${show(want)}, got ${show(got)}`);
  }
  return failures;
}

export function summarize(f: Final): string {
  switch (f.reason) {
    case 'exception':
      return `exception ${f.name} (vector ${f.vector})${f.errorCode !== undefined ? ` error_code=${hex(f.errorCode)}` : ''} at rip=${f.rip === undefined ? '?' : hex(f.rip)}`;
    case 'timeout':
      return `timeout at rip=${hex(f.rip)}`;
    case 'status':
      return `status ${f.value}`;
    default:
      return formatEntry(describeExit(f));
  }
}

const SREG_FIELDS = ['cr0', 'cr2', 'cr3', 'cr4', 'efer'] as const;

function toJson(o: Outcome, failures: string[]) {
  return {
    exit: describeExit(o.final),
    regs: Object.fromEntries(Object.entries(o.regs).map(([k, v]) => [k, hex(v)])),
    sregs: Object.fromEntries(SREG_FIELDS.map((k) => [k, hex(o.sregs[k])])),
    exits: o.exits,
    exit_count: o.exitCount,
    console: o.console,
    ok: failures.length === 0,
    failures,
  };
}

function printText(o: Outcome, failures: string[]): void {
  const out: string[] = [`exit: ${summarize(o.final)}`];
  const regs = Object.entries(o.regs).map(([k, v]) => `${k}=${hex(v)}`);
  for (let i = 0; i < regs.length; i += 6) out.push('  ' + regs.slice(i, i + 6).join(' '));
  out.push('  ' + SREG_FIELDS.map((k) => `${k}=${hex(o.sregs[k])}`).join(' '));
  if (o.console) out.push(`console: ${JSON.stringify(o.console)}`);
  out.push(`exits: ${o.exitCount}, ${o.durationMs.toFixed(1)} ms`);
  for (const f of failures) out.push(`FAIL ${f}`);
  out.push(failures.length === 0 ? 'ok' : `${failures.length} expectation(s) failed`);
  process.stdout.write(out.join('\n') + '\n');
}
