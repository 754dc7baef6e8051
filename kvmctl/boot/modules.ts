// Which kernel modules the VM's init loads, and in which order, read from the kernel's own
// modules.dep (so a custom kernel with a different split of modules works too). A module the
// kernel has built in (modules.builtin) needs no loading.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HostError } from '../errors.js';

/** The modules that mount the host's root and give the command its output ports. */
export const BASE_MODULES = ['virtio_pci', '9pnet_virtio', '9p', 'virtio_console', 'overlay'];
/** KVM for each virtualization extension the VM's CPU may have. */
export const KVM_MODULES = { svm: ['kvm_amd'], vmx: ['kvm_intel'] } as const;

export interface ModuleTree {
  dir: string;
  /** name → path relative to dir, for every loadable module */
  paths: Map<string, string>;
  /** path relative to dir → the paths it depends on (modules.dep order: deepest last) */
  deps: Map<string, string[]>;
  builtin: Set<string>;
}

/** Module names treat - and _ alike. */
const canonical = (name: string): string => name.replace(/-/g, '_');
const nameOf = (path: string): string => canonical(path.replace(/^.*\//, '').replace(/\.ko(\.(xz|gz|zst))?$/, ''));

/** The tree at DIR (a folder holding modules.dep) or at DIR/lib/modules/RELEASE (a modules_install prefix). */
export function findModuleTree(dir: string, release: string | undefined): string {
  if (existsSync(join(dir, 'modules.dep'))) return dir;
  if (release && existsSync(join(dir, 'lib/modules', release, 'modules.dep'))) return join(dir, 'lib/modules', release);
  throw new HostError(`--modules ${dir}: no modules.dep there${release ? ` or in lib/modules/${release}` : ''}; run 'make modules_install INSTALL_MOD_PATH=${dir}' (or depmod) first`);
}

export function readModuleTree(dir: string): ModuleTree {
  const paths = new Map<string, string>();
  const deps = new Map<string, string[]>();
  for (const line of readFileSync(join(dir, 'modules.dep'), 'utf8').split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    paths.set(nameOf(m[1]), m[1]);
    deps.set(m[1], m[2].split(/\s+/).filter(Boolean));
  }
  const builtin = new Set<string>();
  try {
    for (const line of readFileSync(join(dir, 'modules.builtin'), 'utf8').split('\n')) if (line) builtin.add(nameOf(line));
  } catch {
    /* an old or partial tree without modules.builtin */
  }
  return { dir, paths, deps, builtin };
}

/**
 * The module files to insmod, dependencies first, for the named modules. A name that is built in
 * is left out; one that is neither built in nor in the tree is returned in `missing`.
 */
export function loadOrder(tree: ModuleTree, names: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const visit = (path: string): void => {
    if (files.includes(path)) return;
    // modules.dep lists every dependency, transitive ones included, deepest last.
    for (const dep of [...(tree.deps.get(path) ?? [])].reverse()) if (!files.includes(dep)) files.push(dep);
    files.push(path);
  };
  for (const raw of names) {
    const name = canonical(raw);
    if (tree.builtin.has(name)) continue;
    const path = tree.paths.get(name);
    if (path) visit(path);
    else missing.push(raw);
  }
  return { files, missing };
}
