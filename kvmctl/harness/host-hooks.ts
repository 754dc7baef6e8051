// The escape hatch: a sibling NAME.host.ts holds host logic that a header cannot express. It
// default-exports HostHooks; each hook gets the live Vm/Vcpu objects. See the README for an example.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors.js';
import type { Exit } from '../engine/kvm/exit.js';
import type { System } from '../engine/kvm/system.js';
import type { Vcpu } from '../engine/kvm/vcpu.js';
import type { Vm } from '../engine/kvm/vm.js';
import type { Machine } from '../machine/machine.js';
import type { HookResult, Outcome } from '../machine/run.js';
import { packageRoot } from '../util/package-root.js';
import type { Spec } from './spec.js';

export interface HostContext {
  system: System;
  machine: Machine;
  vm: Vm;
  vcpu: Vcpu;
  spec: Spec;
  /** Records a failed expectation; the test fails with this message. */
  fail(message: string): void;
}

export interface HostHooks {
  /** Before the vCPUs exist: VM-wide set-up such as an irqchip or a VM capability. */
  prepareVm?(vm: Vm, system: System): void;
  /** After the header's set-up, before the first KVM_RUN. */
  setup?(ctx: HostContext): void;
  /** Every exit, before the header's actions and the defaults: 'continue', 'stop' or undefined. */
  onExit?(exit: Exit, ctx: HostContext): HookResult;
  /** A guest checkpoint, before the header's actions for it. */
  onCheckpoint?(n: number, ctx: HostContext): void;
  /** After the run: extra checks on the outcome and the VM state. */
  check?(outcome: Outcome, ctx: HostContext): void;
}

/** A test's host file as written, if it has one: NAME.host.js or .mjs beside it, else NAME.host.ts. */
export function hostSourcePath(testFile: string): string | undefined {
  const base = resolve(testFile).replace(/\.S$/, '');
  return ['.host.js', '.host.mjs', '.host.ts'].map((ext) => base + ext).find((f) => existsSync(f));
}

/** The compiled host module of a test, if it has one (NAME.host.js beside it, or tsc's output of NAME.host.ts). */
export function hostModulePath(testFile: string): string | undefined {
  const source = hostSourcePath(testFile);
  if (source === undefined) return undefined;
  insideTestFolder(testFile, source);
  if (!source.endsWith('.ts')) return source;
  const base = source.replace(/\.host\.ts$/, '');
  const root = packageRoot();
  const rel = relative(root, base);
  const compiled = resolve(root, 'dist', rel + '.host.js');
  if (rel.startsWith('..') || !existsSync(compiled)) {
    throw new InputError(`${testFile}: ${base}.host.ts is not compiled; run 'npm run build' (host files outside the package need a .host.js)`);
  }
  return compiled;
}

/** A host file is code kvmctl runs: it must be the test's own, not a link to a file somewhere else. */
function insideTestFolder(testFile: string, hostFile: string): string {
  const folder = realpathSync(dirname(resolve(testFile)));
  const target = realpathSync(hostFile);
  if (!target.startsWith(folder + sep)) {
    throw new InputError(`${testFile}: host file ${relative(process.cwd(), hostFile) || hostFile} is outside the test's folder (it leads to ${target})`);
  }
  return hostFile;
}

export async function loadHostHooks(testFile: string): Promise<HostHooks | undefined> {
  const path = hostModulePath(testFile);
  if (!path) return undefined;
  const mod = await import(pathToFileURL(path).href);
  const hooks = mod.default as HostHooks | undefined;
  if (!hooks || typeof hooks !== 'object') throw new InputError(`${path}: a host file must default-export its hooks object`);
  return hooks;
}
