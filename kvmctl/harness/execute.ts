// Runs one unittest on a fresh VM: check its needs, build the machine its header describes, run
// with its host actions, and check its expectations. Returns a verdict, never throws for a guest.
import { CAPABILITIES } from '../engine/abi/capabilities.js';
import { CPUID_FEATURES } from '../engine/abi/cpuid-features.js';
import { GUESTDBG, MEM_FLAGS } from '../engine/abi/exits.js';
import type { CpuidEntry2, Sregs } from '../engine/abi/structs.js';
import type { MessagePort } from 'node:worker_threads';
import { hostCpuFlags, hostKey } from '../host.js';
import type { GuestMemory } from '../engine/kvm/memory.js';
import type { System } from '../engine/kvm/system.js';
import type { Vcpu } from '../engine/kvm/vcpu.js';
import { Machine } from '../machine/machine.js';
import { runMachine, type Outcome } from '../machine/run.js';
import { SecondaryVcpus, type SecondaryOutcome } from '../machine/smp.js';
import { describeExit, type TraceEntry } from '../machine/trace.js';
import { fire, type ActionContext } from './actions.js';
import { loadHostHooks, type HostContext } from './host-hooks.js';
import { buildTestGuest } from './check-input.js';
import { disassemble } from './disassemble.js';
import { kutUnmet } from './kut-spec.js';
import { executeKutTest } from './kut-test.js';
import { checkOutcome } from './expect.js';
import { DEBUG_FLAG_BITS } from './vocabulary.js';
import { requirementText, type Spec } from './spec.js';

export type RawVerdict = 'pass' | 'fail' | 'skip' | 'timeout';

export interface TestResult {
  name: string;
  file: string;
  verdict: RawVerdict;
  reason?: string;
  durationMs: number;
  final?: TraceEntry;
  failures: string[];
  exits: TraceEntry[];
  exitCount: number;
  console: string;
  disassembly?: string;
  /** How each secondary vCPU ended (SMP tests). */
  vcpus?: Array<{ id: number; final: TraceEntry; exitCount: number }>;
}

export interface ExecuteOptions {
  /** Keep the full exit trace and console even when the test passes (-v). */
  verbose?: boolean;
  /** Polled when KVM_RUN is interrupted by a signal: true stops the test (Ctrl-C). */
  cancelled?: () => boolean;
  /** Disassemble the code at the final RIP of a failing test (objdump, ~10 ms); default true. */
  disassemble?: boolean;
  /** Channels to threads lent for the secondary vCPUs (a suite's idle workers); others get new threads. */
  vcpuPorts?: MessagePort[];
}

/** Why this host cannot run the test, or undefined when it can. */
export function unmetNeed(system: System, spec: Spec): string | undefined {
  if (spec.kut && kutUnmet(spec.kut)) return kutUnmet(spec.kut);
  for (const r of spec.requires) {
    if (r.kind === 'cap') {
      const v = system.checkExtension(CAPABILITIES[r.name]);
      if (v < r.min || (r.bits !== undefined && (v & r.bits) !== r.bits)) return `needs ${requirementText(r)} (host: ${v})`;
    } else if (r.kind === 'vendor') {
      if (hostKey().vendor !== r.vendor) return `needs a ${r.vendor} CPU (host: ${hostKey().vendor})`;
    } else if (r.kind === 'host-cpu') {
      if (!hostCpuFlags().has(r.flag)) return `needs a host CPU with ${r.flag} (not in /proc/cpuinfo)`;
    } else {
      const b = CPUID_FEATURES[r.feature];
      const e = system.supportedCpuid().find((x) => x.function === b.leaf && x.index === b.index);
      if (!e || !((e[b.reg] >>> b.bit) & 1)) return `needs CPUID feature ${r.feature}, which KVM does not support here`;
    }
  }
  if (spec.hypervCpuid !== undefined && system.checkExtension(CAPABILITIES.KVM_CAP_HYPERV_CPUID) < 1) {
    return 'cpuid: hyperv needs KVM_CAP_HYPERV_CPUID (host: 0)';
  }
  if (spec.vcpus > 1) {
    const max = system.checkExtension(CAPABILITIES.KVM_CAP_MAX_VCPUS) || system.checkExtension(CAPABILITIES.KVM_CAP_NR_VCPUS);
    if (max < spec.vcpus) return `needs ${spec.vcpus} vCPUs (host allows ${max})`;
  }
  return undefined;
}

export async function executeTest(system: System, spec: Spec, options: ExecuteOptions = {}): Promise<TestResult> {
  const started = performance.now();
  const base = { name: spec.name, file: spec.file, failures: [] as string[], exits: [], exitCount: 0, console: '' };
  const need = unmetNeed(system, spec);
  if (need) return { ...base, verdict: 'skip', reason: need, durationMs: performance.now() - started };
  if (spec.kut) return executeKutTest(system, spec, options);
  const hooks = await loadHostHooks(spec.file);

  const image = buildTestGuest(spec); // InputError goes to the caller
  const machine = new Machine(system, {
    mode: spec.mode, memSize: spec.memSize, load: spec.load, entry: spec.entry, image, regs: spec.regs, vcpus: spec.vcpus,
    slots: spec.slots.map((s) => ({
      slot: s.slot, gpa: s.gpa, size: s.size,
      flags: (s.readonly ? MEM_FLAGS.KVM_MEM_READONLY : 0) | (s.dirtyLog ? MEM_FLAGS.KVM_MEM_LOG_DIRTY_PAGES : 0),
      data: s.data ?? (s.fill !== undefined ? new Uint8Array(Math.min(s.size, 1 << 20)).fill(s.fill) : undefined),
    })),
    prepareVm: (vm) => {
      if (spec.irqchip) vm.createIrqchip();
      for (const c of spec.enableCaps) vm.enableCap(CAPABILITIES[c.cap], c.args);
      hooks?.prepareVm?.(vm, system);
    },
  });
  const orphans: GuestMemory[] = [];
  try {
    const failures: string[] = [];
    configureVcpus(system, machine, spec);
    const vcpu = machine.vcpu;
    const ctx = (exit?: ActionContext['exit']): ActionContext => ({ machine, vcpu, exit, failures, orphans });
    const host: HostContext = { system, machine, vm: machine.vm, vcpu, spec, fail: (m) => failures.push(`host: ${m}`) };
    hooks?.setup?.(host);
    fire(spec.actions, (t) => t.kind === 'start', ctx());
    const exitCounts = new Map<string, number>();
    const timeoutMs = spec.timeoutMs;
    const secondaries = machine.vcpus.length > 1 ? new SecondaryVcpus(machine.vcpus.slice(1), system.vcpuMmapSize(), timeoutMs, { ports: options.vcpuPorts }) : undefined;
    let others: SecondaryOutcome[] = [];
    let outcome: Outcome;
    try {
      await secondaries?.started();
      outcome = runMachine(machine, {
        timeoutMs,
        traceLimit: 10_000,
        cancelled: options.cancelled,
        onCheckpoint: (n) => {
          hooks?.onCheckpoint?.(n, host);
          fire(spec.actions, (t) => t.kind === 'checkpoint' && t.n === n, ctx());
        },
        onExit: (exit) => {
          const decided = hooks?.onExit?.(exit, host);
          if (decided) return decided;
          const count = (exitCounts.get(exit.reason) ?? 0) + 1;
          exitCounts.set(exit.reason, count);
          return fire(spec.actions, (t) =>
            (t.kind === 'in' && exit.reason === 'io' && exit.direction === 'in' && exit.port === t.port) ||
            (t.kind === 'mmio-read' && exit.reason === 'mmio' && !exit.write && exit.address === t.address) ||
            (t.kind === 'exit' && t.reason === exit.reason && (t.count === undefined || t.count === count)), ctx(exit));
        },
      });
    } finally {
      // vCPU 0 decides when the test ends; the others are stopped before the VM goes away.
      if (secondaries) others = await secondaries.stopAll();
    }
    for (const o of others) {
      if (o.final.reason === 'runner_error') failures.push(`vcpu ${o.id}: ${o.final.message}`);
      outcome.console += o.console;
    }
    fire(spec.actions, (t) => t.kind === 'end', ctx());
    hooks?.check?.(outcome, host);
    failures.push(...checkOutcome(spec, outcome, machine, {
      regs: (i) => (i === 0 ? outcome.regs : machine.vcpus[i]?.getRegs()),
      sregs: (i) => (i === 0 ? outcome.sregs : machine.vcpus[i]?.getSregs()),
      exits: (i) => (i === 0 ? outcome.exits : others.find((o) => o.id === i)?.exits ?? []),
    }));
    return result(spec, outcome, failures, image, options, started, others);
  } finally {
    machine.close();
    for (const m of orphans) m.close();
  }
}

function configureVcpus(system: System, machine: Machine, spec: Spec): void {
  // Like any VMM, expose the host's supported CPUID (with the header's changes) to the guest.
  const cpuid = cpuidFor(system, spec, machine.vcpu);
  for (const vcpu of machine.vcpus) {
    vcpu.setCpuid(cpuid);
    if (spec.msrs.length) vcpu.setMsrs(spec.msrs.map((m) => ({ index: m.index, data: m.value })));
    if (spec.sregs.length) {
      const s = vcpu.getSregs() as unknown as Record<string, unknown>;
      for (const c of spec.sregs) {
        const [a, b] = c.name.split('.');
        if (b === undefined) s[a] = c.value;
        else (s[a] as Record<string, unknown>)[b] = b === 'base' ? c.value : Number(c.value);
      }
      vcpu.setSregs(s as unknown as Sregs);
    }
    if (spec.debug) {
      vcpu.setGuestDebug(spec.debug.flags.reduce<number>((acc, f) => acc | DEBUG_FLAG_BITS[f], GUESTDBG.ENABLE), spec.debug.debugregs);
    }
  }
}

/**
 * The host's supported CPUID with the header's entries laid over it. With `cpuid: hyperv`, the hypervisor range
 * (0x40000000-0x400000ff, KVM's own PV leaves) is replaced by the Hyper-V leaves KVM reports for `vcpu`, first: KVM
 * emulates Hyper-V only for a vCPU whose CPUID 0x40000001 EAX is "Hv#1".
 */
function cpuidFor(system: System, spec: Spec, vcpu: Vcpu): CpuidEntry2[] {
  let entries = system.supportedCpuid().map((e) => ({ ...e }));
  if (spec.hypervCpuid !== undefined) {
    entries = entries.filter((e) => e.function < 0x40000000 || e.function > 0x400000ff);
    entries.push(...vcpu.supportedHvCpuid());
  }
  for (const o of spec.cpuid) {
    let e = entries.find((x) => x.function === o.leaf && x.index === o.index);
    if (!e) entries.push((e = { function: o.leaf, index: o.index, flags: 0, eax: 0, ebx: 0, ecx: 0, edx: 0 }));
    Object.assign(e, o.regs);
  }
  return entries;
}

function result(spec: Spec, o: Outcome, failures: string[], image: Uint8Array, options: ExecuteOptions, started: number, others: SecondaryOutcome[]): TestResult {
  const failed = failures.length > 0;
  const verdict = !failed ? 'pass' : o.final.reason === 'timeout' ? 'timeout' : 'fail';
  if (o.final.reason === 'interrupted') failures.unshift('interrupted (Ctrl-C) before the guest finished');
  const keep = failed || options.verbose;
  return {
    name: spec.name, file: spec.file, verdict,
    reason: failed ? failures[0] : undefined,
    durationMs: performance.now() - started,
    final: describeExit(o.final),
    failures,
    exits: keep ? (options.verbose ? o.exits : o.exits.slice(-20)) : [],
    exitCount: o.exitCount,
    console: keep ? o.console : '',
    disassembly: failed && options.disassemble !== false ? disassemble(image, spec.load, spec.mode, o.regs.rip) : undefined,
    vcpus: others.length ? others.map((x) => ({ id: x.id, final: x.final, exitCount: x.exitCount })) : undefined,
  };
}

