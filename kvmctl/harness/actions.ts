// Host actions: the steps a header's `on:` lines run at a trigger. A step that names `errno=` must
// fail with exactly that errno; any step that goes wrong adds a failure naming its header line.
import { CAPABILITIES } from '../engine/abi/capabilities.js';
import { GUESTDBG, MEM_FLAGS } from '../engine/abi/exits.js';
import type { RegName, Sregs } from '../engine/abi/structs.js';
import type { Exit } from '../engine/kvm/exit.js';
import { GuestMemory } from '../engine/kvm/memory.js';
import type { Vcpu } from '../engine/kvm/vcpu.js';
import type { Machine } from '../machine/machine.js';
import type { HookResult } from '../machine/run.js';
import { hex } from '../machine/trace.js';
import { SysError } from '../engine/sys/libc.js';
import { parseU64 } from '../util/parse.js';
import { sregValue } from './expect.js';
import type { Action, Step, Trigger } from './spec.js';
import { DEBUG_FLAG_BITS, eventField, eventValidFlag, maskedValue, msrPairs, pageList, stepSize } from './vocabulary.js';
import { kvm_vcpu_events, type VcpuEvents } from '../engine/abi/vcpu-state.js';

export interface ActionContext {
  machine: Machine;
  vcpu: Vcpu;
  /** The exit that fired the trigger, if any (for `answer`). */
  exit?: Exit;
  failures: string[];
  /** Host memory of slots added by steps with sizes the kernel refused or that the Vm does not own. */
  orphans: GuestMemory[];
}

const num = (text: string): number => Number(parseU64(text));
const big = (text: string): bigint => parseU64(text)!;

/** Runs every action whose trigger matches; returns 'stop' or 'continue' when a step decided. */
export function fire(actions: Action[], matches: (t: Trigger) => boolean, ctx: ActionContext): HookResult {
  let verdict: HookResult;
  for (const action of actions) {
    if (!matches(action.trigger)) continue;
    for (const step of action.steps) verdict = runStep(step, ctx) ?? verdict;
  }
  return verdict;
}

function runStep(step: Step, ctx: ActionContext): HookResult {
  const where = `line ${step.line}: ${step.verb}`;
  try {
    const verdict = perform(step, ctx);
    if (step.errno) ctx.failures.push(`${where}: expected ${step.errno}, but it succeeded`);
    return verdict;
  } catch (e) {
    if (e instanceof SysError && step.errno === e.code) return undefined;
    const what = e instanceof SysError ? `${e.call} failed with ${e.code}` : (e as Error).message;
    ctx.failures.push(`${where}: ${step.errno ? `expected ${step.errno}, got ${what}` : what}`);
    return undefined;
  }
}

function perform(step: Step, ctx: ActionContext): HookResult {
  const { machine, vcpu } = ctx;
  const vm = machine.vm;
  const [a0, a1] = step.args;
  switch (step.verb) {
    case 'answer': {
      const exit = ctx.exit;
      if (exit?.reason === 'rdmsr') {
        vcpu.msrData = big(a0);
        vcpu.msrError = false;
        return 'continue';
      }
      if (exit?.reason === 'hypercall') {
        vcpu.hypercallRet = big(a0);
        return 'continue';
      }
      if (!exit || !((exit.reason === 'io' && exit.direction === 'in') || (exit.reason === 'mmio' && !exit.write)))
        throw new Error('answer needs an IN, an MMIO read, an RDMSR or a hypercall exit to answer');
      const value = big(a0);
      for (let i = 0; i < exit.data.length; i++) exit.data[i] = Number((value >> BigInt(8 * (i % 8))) & 0xffn);
      return 'continue';
    }
    case 'stop': return 'stop';
    case 'continue': return 'continue';
    case 'add-slot': {
      const id = a0 === 'nr-memslots' ? vm.system.checkExtension(CAPABILITIES.KVM_CAP_NR_MEMSLOTS) : num(a0);
      const flags = (step.args.includes('readonly') ? MEM_FLAGS.KVM_MEM_READONLY : 0) | (step.args.includes('dirty-log') ? MEM_FLAGS.KVM_MEM_LOG_DIRTY_PAGES : 0);
      const gpa = big(step.named.gpa ?? '0');
      const size = stepSize(step.named.size ?? '4096')!;
      if (size % 4096n === 0n && size <= 1n << 30n) {
        vm.addSlot({ slot: id, gpa, size: Number(size), flags });
        return undefined;
      }
      // A size the kernel should refuse: back it with one page and pass the size through untouched.
      const memory = new GuestMemory(4096);
      ctx.orphans.push(memory);
      vm.setRegion(id, flags, gpa, size, memory.hostAddress);
      vm.setRegion(id, flags, gpa, 0n, 0n); // it was accepted: take it back before anything touches it
      return undefined;
    }
    case 'delete-slot': vm.deleteSlot(num(a0)); return undefined;
    case 'move-slot': vm.moveSlot(num(a0), big(a1)); return undefined;
    case 'dirty-log': {
      const bitmap = vm.getDirtyLog(num(a0));
      const got: number[] = [];
      bitmap.forEach((byte, i) => { for (let b = 0; b < 8; b++) if (byte & (1 << b)) got.push(i * 8 + b); });
      const want = pageList(step.named.pages);
      if (got.join(',') !== want.join(','))
        ctx.failures.push(`line ${step.line}: dirty-log ${a0}: expected pages ${want.join(',') || 'none'}, got ${got.join(',') || 'none'}`);
      return undefined;
    }
    case 'clear-dirty-log': {
      const slot = vm.slots.get(num(a0));
      if (!slot) throw new Error(`no memory slot ${a0}`);
      const count = slot.size / 4096;
      const bitmap = new Uint8Array(Math.ceil(count / 8));
      for (const page of pageList(step.named.pages)) {
        if (page >= count) throw new Error(`page ${page} is outside slot ${a0} (${count} pages)`);
        bitmap[page >> 3] |= 1 << (page & 7);
      }
      vm.clearDirtyLog(slot.slot, 0, count, bitmap);
      return undefined;
    }
    case 'dirty-ring': {
      const id = num(a0);
      const got = vcpu.dirtyRing().harvest();
      const want = pageList(step.named.pages);
      const pages = got.map((g) => (g.slot === id ? `${g.offset}` : `slot ${g.slot >> 16}:${g.slot & 0xffff} page ${g.offset}`));
      // KVM pushes an entry at a page's first write after (re-)protection; no order among pages is promised.
      const same = pages.length === want.length && [...pages].sort().join(',') === want.map(String).sort().join(',');
      if (!same) ctx.failures.push(`line ${step.line}: dirty-ring ${a0}: expected pages ${want.join(',') || 'none'}, got ${pages.join(',') || 'none'}`);
      return undefined;
    }
    case 'reset-dirty-rings': {
      const count = vm.resetDirtyRings();
      if (a0 !== undefined && count !== num(a0)) ctx.failures.push(`line ${step.line}: reset-dirty-rings: expected ${num(a0)} entries reset, got ${count}`);
      const stale = vcpu.vm?.dirtyRingBytes ? vcpu.dirtyRing().checkReset() : [];
      for (const [i, flags] of stale) ctx.failures.push(`line ${step.line}: reset-dirty-rings: harvested entry ${i} still has flags 0x${flags.toString(16)}, expected 0`);
      return undefined;
    }
    case 'immediate-exit': {
      // KVM_RUN first completes the pending exit (the checkpoint OUT), then returns EINTR without entering
      // the guest (api.rst, immediate_exit). exit_reason is not defined for this return on x86: not checked.
      vcpu.immediateExit = true;
      try {
        const first = vcpu.run();
        if (first.reason !== 'intr') throw new Error(`expected KVM_RUN to return EINTR, got exit ${first.reason}`);
        const rip = vcpu.getRegs().rip;
        if (step.named.rip !== undefined && rip !== big(step.named.rip))
          ctx.failures.push(`line ${step.line}: immediate-exit: RIP after the EINTR is ${hex(rip)}, expected ${hex(big(step.named.rip))}`);
        const second = vcpu.run();
        if (second.reason !== 'intr') throw new Error(`a second KVM_RUN with immediate_exit set ran the guest to exit ${second.reason}`);
        const after = vcpu.getRegs().rip;
        if (after !== rip) ctx.failures.push(`line ${step.line}: immediate-exit: RIP moved from ${hex(rip)} to ${hex(after)} under immediate_exit`);
      } finally {
        vcpu.immediateExit = false;
      }
      return undefined;
    }
    case 'set-regs': vcpu.setRegs(Object.fromEntries(Object.entries(step.named).map(([k, v]) => [k, big(v)]))); return undefined;
    case 'check-regs': {
      const regs = vcpu.getRegs();
      for (const [k, v] of Object.entries(step.named)) {
        const got = regs[k as RegName];
        if (got !== big(v)) ctx.failures.push(`line ${step.line}: check-regs: ${k} expected ${hex(big(v))}, got ${hex(got)}`);
      }
      return undefined;
    }
    case 'set-sregs': {
      const s = vcpu.getSregs() as unknown as Record<string, unknown>;
      for (const [k, v] of Object.entries(step.named)) {
        const [a, b] = k.split('.');
        if (b === undefined) s[a] = big(v);
        else (s[a] as Record<string, unknown>)[b] = b === 'base' ? big(v) : num(v);
      }
      vcpu.setSregs(s as unknown as Sregs);
      return undefined;
    }
    case 'check-sregs': {
      const sregs = vcpu.getSregs();
      for (const [k, v] of Object.entries(step.named)) {
        const got = sregValue(sregs, k);
        if (got !== big(v)) ctx.failures.push(`line ${step.line}: check-sregs: ${k} expected ${hex(big(v))}, got ${got === undefined ? 'nothing' : hex(got)}`);
      }
      return undefined;
    }
    case 'interrupt': vcpu.interrupt(num(a0)); return undefined;
    case 'nmi': vcpu.nmi(); return undefined;
    case 'smi': vcpu.smi(); return undefined;
    case 'setup-mce': vcpu.setupMce(big(a0)); return undefined;
    case 'mce':
      vcpu.setMce({
        bank: num(a0), status: big(step.named.status ?? '0'), addr: big(step.named.addr ?? '0'), misc: big(step.named.misc ?? '0'),
        mcg_status: big(step.named.mcg_status ?? '0'),
      });
      return undefined;
    case 'irq-line': vm.irqLine(num(a0), num(a1)); return undefined;
    case 'signal-msi': {
      const address = big(a0);
      const delivered = vm.signalMsi({ address_lo: Number(address & 0xffffffffn), address_hi: Number(address >> 32n), data: num(a1) });
      if (delivered <= 0) ctx.failures.push(`line ${step.line}: signal-msi: KVM_SIGNAL_MSI returned ${delivered}: the MSI was not delivered`);
      return undefined;
    }
    case 'irq-window': vcpu.requestInterruptWindow = a0 === 'on'; return undefined;
    case 'exception': {
      const errorCode = step.named.error_code;
      vcpu.setVcpuEvents({
        exception_injected: 1, exception_pending: 0, exception_nr: num(a0),
        exception_has_error_code: errorCode === undefined ? 0 : 1, exception_error_code: errorCode === undefined ? 0 : num(errorCode),
      });
      return undefined;
    }
    case 'check-events': {
      const events = vcpu.getVcpuEvents() as unknown as Record<string, number | bigint>;
      for (const [k, v] of Object.entries(step.named)) {
        const got = BigInt(events[eventField(k)!]);
        const { value, mask } = maskedValue(v)!;
        if ((got & mask) !== (value & mask)) {
          const masked = mask === (1n << 64n) - 1n ? '' : ` under mask ${hex(mask)}`;
          ctx.failures.push(`line ${step.line}: check-events: ${k} expected ${hex(value)}${masked}, got ${hex(got)}`);
        }
      }
      return undefined;
    }
    case 'set-events': {
      const fields = Object.entries(step.named).map(([k, v]) => [eventField(k)!, v] as const);
      const flags = vcpu.getVcpuEvents().flags | fields.reduce((acc, [f]) => acc | eventValidFlag(f), 0);
      const value: Record<string, number | bigint> = { flags };
      for (const [f, v] of fields) value[f] = kvm_vcpu_events.fields[f as keyof VcpuEvents].type === 'u64' ? big(v) : num(v);
      vcpu.setVcpuEvents(value as Partial<VcpuEvents>);
      return undefined;
    }
    case 'enable-cap': {
      const [cap, ...args] = step.args;
      vm.enableCap(CAPABILITIES[cap], args.map(big));
      return undefined;
    }
    case 'check-msrs': {
      const pairs = msrPairs(step);
      const got = vcpu.getMsrs(pairs.map(([k]) => num(k)));
      pairs.forEach(([k, v], i) => {
        if (got[i].data !== big(v)) ctx.failures.push(`line ${step.line}: check-msrs: MSR ${hex(big(k))} expected ${hex(big(v))}, got ${hex(got[i].data)}`);
      });
      return undefined;
    }
    case 'msr-error': {
      if (ctx.exit?.reason !== 'rdmsr' && ctx.exit?.reason !== 'wrmsr') throw new Error('msr-error needs an RDMSR or WRMSR exit');
      vcpu.msrError = true;
      return 'continue';
    }
    case 'debug': {
      if (a0 === 'off') {
        vcpu.setGuestDebug(0);
        return undefined;
      }
      const control = step.args.reduce<number>((acc, f) => acc | DEBUG_FLAG_BITS[f], GUESTDBG.ENABLE);
      const debugregs = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => big(step.named[`dr${i}`] ?? '0'));
      vcpu.setGuestDebug(control, debugregs);
      return undefined;
    }
  }
  throw new Error(`unknown step ${step.verb}`);
}
