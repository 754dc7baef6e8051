// Checks a run's outcome against the header's expectations. Each failure says what was expected,
// what happened, and on which header line the expectation is.
import type { Regs, Sregs } from '../engine/abi/structs.js';
import type { Machine } from '../machine/machine.js';
import type { Outcome } from '../machine/run.js';
import { describeExit, formatEntry, hex, type TraceEntry } from '../machine/trace.js';
import { PORTS } from '../machine/test-device.js';
import { parseU64 } from '../util/parse.js';
import type { ExitPattern, Spec, ValueCheck } from './spec.js';

/** Exits of the test device itself (console, checkpoints) are not part of the guest's exit sequence. */
const DEVICE_PORTS = new Set([PORTS.console, PORTS.checkpoint].map((p) => hex(p)));
export const isDeviceExit = (e: TraceEntry): boolean => e.reason === 'io' && e.direction === 'out' && DEVICE_PORTS.has(String(e.port));

function sameValue(want: string, got: string | number | boolean | undefined): boolean {
  if (got === undefined) return false;
  const a = parseU64(want), b = typeof got === 'number' ? BigInt(got) : parseU64(String(got));
  if (a !== undefined && b !== undefined) return a === b;
  return want === String(got);
}

export function matchesExit(p: ExitPattern, e: TraceEntry): boolean {
  return p.reason === e.reason && p.fields.every(([k, v]) => sameValue(v, e[k]));
}

const describePattern = (p: ExitPattern) => [p.reason, ...p.fields.map(([k, v]) => `${k}=${v}`)].join(' ');

/** Per-vCPU state for the checks; vCPU 0's comes from the outcome. */
export interface VcpuViews {
  regs: (vcpu: number) => Regs | undefined;
  sregs: (vcpu: number) => Sregs | undefined;
  exits: (vcpu: number) => TraceEntry[];
}

export function checkOutcome(spec: Spec, o: Outcome, machine: Machine, views: VcpuViews): string[] {
  const failures: string[] = [];
  const final = describeExit(o.final);

  // The final exit: as declared, or by default a clean end (HLT, or status 0).
  const f = spec.expect.final;
  if (f) {
    if (!matchesExit(f, final)) failures.push(`line ${f.line}: final exit: expected ${describePattern(f)}, got ${formatEntry(final)}`);
  } else if (!(final.reason === 'hlt' || (final.reason === 'status' && final.value === 0))) {
    failures.push(`final exit: expected hlt or status 0, got ${formatEntry(final)}`);
  }

  // The exit sequence of vCPU 0: an ordered subset by default, the whole sequence with `exits: exact`.
  const seen = o.exits.filter((e) => !isDeviceExit(e));
  const patterns0 = spec.expect.exits.filter((p) => (p.vcpu ?? 0) === 0);
  if (spec.expect.exact) {
    const n = Math.max(seen.length, patterns0.length);
    for (let i = 0; i < n; i++) {
      const p = patterns0[i], e = seen[i];
      if (!p) { failures.push(`exit #${i + 1}: unexpected ${formatEntry(e)} (exits: exact)`); break; }
      if (!e) { failures.push(`line ${p.line}: exit #${i + 1}: expected ${describePattern(p)}, but the run had only ${seen.length} exits`); break; }
      if (!matchesExit(p, e)) { failures.push(`line ${p.line}: exit #${i + 1}: expected ${describePattern(p)}, got ${formatEntry(e)}`); break; }
    }
  }
  const vcpuIds = [...new Set(spec.expect.exits.map((p) => p.vcpu ?? 0))].filter((id) => !(spec.expect.exact && id === 0));
  for (const id of vcpuIds) {
    const trace = id === 0 ? seen : views.exits(id).filter((e) => !isDeviceExit(e));
    let at = 0;
    for (const p of spec.expect.exits.filter((x) => (x.vcpu ?? 0) === id)) {
      while (at < trace.length && !matchesExit(p, trace[at])) at++;
      if (at >= trace.length) {
        const same = trace.filter((e) => e.reason === p.reason).slice(0, 3).map(formatEntry);
        failures.push(`line ${p.line}: expected exit ${describePattern(p)}${id ? ` on vcpu ${id}` : ''} in order, not found${same.length ? ` (${p.reason} exits seen: ${same.join('; ')})` : ''}`);
        break;
      }
      at++;
    }
  }

  const checkValue = (c: ValueCheck, got: bigint | undefined) => {
    if (got === undefined) failures.push(`line ${c.line}: ${c.name}: not available`);
    else if ((got & c.mask) !== (c.value & c.mask)) {
      const masked = c.mask === (1n << 64n) - 1n ? '' : ` under mask ${hex(c.mask)}`;
      failures.push(`line ${c.line}: ${c.vcpu ? `vcpu ${c.vcpu} ` : ''}${c.name}: expected ${hex(c.value)}${masked}, got ${hex(got)}`);
    }
  };
  for (const c of spec.expect.regs) checkValue(c, views.regs(c.vcpu)?.[c.name as keyof Regs]);
  for (const c of spec.expect.sregs) {
    const s = views.sregs(c.vcpu);
    checkValue(c, s && sregValue(s, c.name));
  }

  for (const m of spec.expect.mem) {
    const at = machine.slotAt(m.gpa);
    const show = (b: Uint8Array) => Buffer.from(b).toString('hex');
    if (!at || at.offset + m.bytes.length > at.slot.size) failures.push(`line ${m.line}: mem ${hex(m.gpa)}: not guest memory`);
    else {
      const got = at.slot.memory.readBytes(at.offset, m.bytes.length);
      if (show(got) !== show(m.bytes)) failures.push(`line ${m.line}: mem ${hex(m.gpa)}: expected ${show(m.bytes)}, got ${show(got)}`);
    }
  }

  const c = spec.expect.console;
  if (c && !(c.includes ? o.console.includes(c.text) : o.console === c.text)) {
    failures.push(`line ${c.line}: console: expected ${c.includes ? 'to include ' : ''}${JSON.stringify(c.text)}, got ${JSON.stringify(o.console)}`);
  }
  return failures;
}

/** cr0, efer, cs.base, gdt.limit, ... from decoded sregs. */
export function sregValue(s: Sregs, name: string): bigint | undefined {
  const [a, b] = name.split('.');
  const top = (s as unknown as Record<string, unknown>)[a];
  if (b === undefined) return typeof top === 'bigint' ? top : undefined;
  const v = (top as Record<string, unknown> | undefined)?.[b];
  return v === undefined ? undefined : BigInt(v as number | bigint);
}
