// What a unittest declares about the ABI: each capability and ioctl its header and its host file name,
// marked as asserted (the test checks that behaviour, so it covers it) or used (set-up, which never
// counts). The README's `kvmctl coverage` section states these rules; keep the two in step.
import { readFileSync } from 'node:fs';
import { CAPABILITIES } from '../engine/abi/capabilities.js';
import { IOCTLS } from '../engine/abi/ioctls.js';
import { hostSourcePath } from '../harness/host-hooks.js';
import type { Spec } from '../harness/spec.js';
import { ENGINE_IOCTLS, IOCTL_CAPS, STEP_USES } from './tables.js';

export interface Declaration {
  kind: 'cap' | 'ioctl';
  /** A KVM_CAP_* or an ioctl name, as <linux/kvm.h> spells it. */
  name: string;
  /** True: the test asserts this behaviour and covers it. False: it only sets something up with it. */
  asserts: boolean;
  /** Where a reader finds it: `feature`, `requires`, `on: line 12 (dirty-log errno=EINVAL)`, `host file: .irqfd()`. */
  via: string;
}

const isCap = (name: string): boolean => Object.hasOwn(CAPABILITIES, name);
const isIoctl = (name: string): boolean => Object.hasOwn(IOCTLS, name);

/**
 * The KVM_CAP_* and ioctl names a feature line states, in order: `KVM_SET/GET_XCRS` is both ioctls and
 * `KVM_EXIT_X86_RDMSR/WRMSR` both exits; a name right after "without" is what the test does without
 * (`msr-unknown-gp`: "without KVM_CAP_X86_USER_SPACE_MSR"), so it is left out.
 */
export function featureNames(feature: string): string[] {
  const out: string[] = [];
  for (const m of feature.matchAll(/(\bwithout\s+)?\bKVM_([A-Z0-9_]+(?:\/[A-Z0-9_]+)*)/g)) {
    if (m[1]) continue;
    const [first, ...alternatives] = m[2].split('/');
    const words = first.split('_');
    if (words.length === 1 && alternatives.length) {
      // One word after KVM_ is the one that varies, the rest follows the last alternative: SET/GET_XCRS.
      const rest = alternatives.at(-1)!.split('_').slice(1).join('_');
      out.push(`KVM_${first}_${rest}`, ...alternatives.map((alt) => `KVM_${alt.split('_')[0]}_${rest}`));
    } else {
      // Else the last word varies: KVM_EXIT_X86_RDMSR/WRMSR.
      out.push(`KVM_${first}`, ...alternatives.map((alt) => `KVM_${[...words.slice(0, -1), alt].join('_')}`));
    }
  }
  return out.filter((n, i, all) => all.indexOf(n) === i && (isCap(n) || isIoctl(n)));
}

/** Everything a test's header declares (host file apart). */
export function headerDeclarations(spec: Spec): Declaration[] {
  const out: Declaration[] = [];
  const add = (kind: Declaration['kind'], name: string, asserts: boolean, via: string) => out.push({ kind, name, asserts, via });
  for (const name of featureNames(spec.feature)) add(isCap(name) ? 'cap' : 'ioctl', name, true, 'feature');
  for (const r of spec.requires) if (r.kind === 'cap') add('cap', r.name, true, 'requires');
  for (const e of spec.enableCaps) {
    add('cap', e.cap, true, 'enable-cap');
    add('ioctl', 'KVM_ENABLE_CAP', false, 'enable-cap');
  }
  if (spec.irqchip) add('ioctl', 'KVM_CREATE_IRQCHIP', false, 'irqchip: yes');
  if (spec.debug) add('ioctl', 'KVM_SET_GUEST_DEBUG', false, 'debug');
  if (spec.cpuid.length || spec.hypervCpuid !== undefined) add('ioctl', 'KVM_SET_CPUID2', false, 'cpuid');
  if (spec.hypervCpuid !== undefined) add('ioctl', 'KVM_GET_SUPPORTED_HV_CPUID', false, 'cpuid: hyperv');
  if (spec.msrs.length) add('ioctl', 'KVM_SET_MSRS', false, 'msr');
  for (const s of spec.slots) {
    add('ioctl', 'KVM_SET_USER_MEMORY_REGION', false, 'slot');
    if (s.readonly) add('cap', 'KVM_CAP_READONLY_MEM', false, 'slot: readonly');
  }
  if (spec.vcpus > 1) {
    add('ioctl', 'KVM_CREATE_VCPU', false, 'vcpus');
    add('cap', 'KVM_CAP_MAX_VCPUS', false, 'vcpus');
  }
  for (const action of spec.actions) {
    for (const step of action.steps) {
      const use = STEP_USES[step.verb] ?? {};
      const asserts = step.errno !== undefined || use.checks === true;
      const via = `on: line ${step.line} (${step.verb}${step.errno ? ` errno=${step.errno}` : ''})`;
      if (use.ioctl) add('ioctl', use.ioctl, asserts, via);
      for (const other of use.also ?? []) add('ioctl', other, false, via);
      for (const cap of use.caps?.(step) ?? []) if (isCap(cap)) add('cap', cap, asserts || use.declaresCaps === true, via);
    }
  }
  return out;
}

/** A method name → the ioctls a call of it issues, over System, Vm and Vcpu (one name, every class that has it). */
const METHOD_IOCTLS = (() => {
  const map = new Map<string, Set<string>>();
  for (const members of Object.values(ENGINE_IOCTLS)) {
    for (const [name, ioctls] of Object.entries(members)) {
      if (ioctls.length === 0) continue;
      if (!map.has(name)) map.set(name, new Set());
      for (const i of ioctls) map.get(name)!.add(i);
    }
  }
  return map;
})();

/** Source text without its comments (a host file's comments name ioctls it does not issue). */
const code = (text: string): string => text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

/**
 * What a host file uses, all as set-up: each `.method(` of System, Vm or Vcpu that issues ioctls
 * (ENGINE_IOCTLS), each `IOCTLS.NAME` it passes, each KVM_CAP_* it names. Only the file itself, not
 * modules it imports. kvmctl cannot tell a call whose result the file checks from one that prepares,
 * so a host file's test states what it asserts in its feature line.
 */
export function hostFileDeclarations(text: string): Declaration[] {
  const src = code(text);
  const out: Declaration[] = [];
  for (const m of src.matchAll(/\.\s*([A-Za-z_$][\w$]*)\s*\(/g)) {
    for (const ioctl of METHOD_IOCTLS.get(m[1]) ?? []) out.push({ kind: 'ioctl', name: ioctl, asserts: false, via: `host file: .${m[1]}()` });
  }
  for (const m of src.matchAll(/\bIOCTLS\s*\.\s*(KVM_[A-Z0-9_]+)\b/g)) {
    if (isIoctl(m[1])) out.push({ kind: 'ioctl', name: m[1], asserts: false, via: `host file: IOCTLS.${m[1]}` });
  }
  for (const m of src.matchAll(/\bKVM_CAP_[A-Z0-9_]+\b/g)) if (isCap(m[0])) out.push({ kind: 'cap', name: m[0], asserts: false, via: 'host file' });
  return out;
}

/** The test's host file (NAME.host.ts, else the NAME.host.js or .mjs kvmctl would load), if it has one. */
/**
 * Everything a test declares: its header's and its host file's declarations, plus, for each ioctl, the
 * capability that announces it (IOCTL_CAPS), asserted or used as the ioctl is; without duplicates.
 */
export function testDeclarations(spec: Spec, hostFileText?: string): Declaration[] {
  const direct = [...headerDeclarations(spec), ...(hostFileText === undefined ? [] : hostFileDeclarations(hostFileText))];
  const derived = direct.flatMap((d): Declaration[] => {
    const cap = d.kind === 'ioctl' && Object.hasOwn(IOCTL_CAPS, d.name) ? IOCTL_CAPS[d.name] : undefined;
    return cap ? [{ kind: 'cap', name: cap, asserts: d.asserts, via: `${d.via}: ${d.name}` }] : [];
  });
  const seen = new Set<string>();
  return [...direct, ...derived].filter((d) => {
    const key = `${d.kind} ${d.name} ${d.asserts} ${d.via}`;
    return !seen.has(key) && seen.add(key) !== undefined;
  });
}

/** testDeclarations, reading the host file the runner would run (hostSourcePath). */
export function declarationsOf(spec: Spec): Declaration[] {
  const host = hostSourcePath(spec.file);
  return testDeclarations(spec, host === undefined ? undefined : readFileSync(host, 'utf8'));
}
