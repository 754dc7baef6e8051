// `kvmctl vm`: choose the kernel, its modules, QEMU and the accelerator, build the initramfs, run
// the session, and turn how it ended into the documented exit code.
import { mkdirSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT, HostError } from '../errors.js';
import { cacheDir } from '../harness/guest-build.js';
import { chooseAccel } from './accel.js';
import { holdVmBinary } from './hold-vm.js';
import { buildInitramfs } from './initramfs.js';
import { defaultKernel, kernelRelease } from './kernel-image.js';
import { findModuleTree, readModuleTree } from './modules.js';
import { findBusybox, findQemu } from './prerequisites.js';
import { runSession, type SessionResult } from './session.js';


/** What `kvmctl vm` was asked to do, resolved from its flags. */
export interface VmPlan {
  kernel?: string;
  modules?: string;
  accel: 'auto' | 'kvm' | 'tcg';
  cpu?: string;
  smp: number;
  memMiB: number;
  qemu?: string;
  tcgThreads: 'single' | 'multi';
  bootTimeoutMs: number;
  commandTimeoutMs: number;
  freezeMs: number;
  verbose: boolean;
  bisect: boolean;
  command: string[];
}

/** Variables that name resources of the host's session, which mean nothing inside the VM. */
const HOST_ONLY_ENV = new Set(['DISPLAY', 'WAYLAND_DISPLAY', 'DBUS_SESSION_BUS_ADDRESS', 'XDG_RUNTIME_DIR', 'SSH_AUTH_SOCK', 'SSH_AGENT_PID', 'TMUX', 'TMUX_PANE']);

export function guestEnvironment(env: NodeJS.ProcessEnv, accel: 'kvm' | 'tcg'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && !HOST_ONLY_ENV.has(k)) out[k] = v;
  out.PATH = `/run/kvmctl/bin:${env.PATH ?? '/usr/local/bin:/usr/bin:/bin'}`;
  // kvmctl's host key inside tells an emulated CPU from a real one by this (kvmctl/host.ts).
  out.KVMCTL_VM_ACCEL = accel;
  return out;
}

export interface VmSetup {
  kernel: string;
  release: string;
  modulesDir?: string;
  qemu: string;
  accel: 'kvm' | 'tcg';
  reason: string;
  cpu: string;
  cwd: string;
  cache?: string;
}

/** Everything checked on the host before QEMU starts; a HostError names what is missing. */
export async function prepareVm(plan: VmPlan): Promise<VmSetup & { initramfs: Buffer }> {
  const qemu = findQemu(plan.qemu);
  const busybox = findBusybox();
  let kernel: string;
  let release: string;
  let modulesDir: string | undefined;
  if (plan.kernel) {
    kernel = plan.kernel;
    release = kernelRelease(kernel);
    if (plan.modules) modulesDir = findModuleTree(plan.modules, release);
  } else {
    const chosen = defaultKernel();
    kernel = chosen.image;
    release = chosen.release;
    modulesDir = plan.modules ? findModuleTree(plan.modules, release) : chosen.modules;
  }
  const { accel, reason } = await chooseAccel(plan.accel);
  const cpu = plan.cpu ?? (accel === 'kvm' ? 'host' : 'max');
  const cwd = realpathSync(process.cwd());
  const cache = sharedCache(cwd);
  const env = guestEnvironment(process.env, accel);
  if (cache) env.KVMCTL_CACHE_DIR = cache;
  const initramfs = buildInitramfs({
    busybox,
    modules: modulesDir ? readModuleTree(modulesDir) : undefined,
    cwd,
    cache,
    argv: plan.command,
    env,
    holdVm: accel === 'tcg' && plan.tcgThreads === 'multi' ? holdVmBinary() : undefined,
    node: process.execPath,
    kvmctlScript: fileURLToPath(new URL('../../bin/kvmctl.js', import.meta.url)),
  });
  return { kernel, release, modulesDir, qemu, accel, reason, cpu, cwd, cache, initramfs };
}

/**
 * kvmctl's assembler cache, shared with the VM so that its runs find the guests already built (an
 * emulated CPU assembles slowly) and leave theirs for the next boot. None when it cannot be made,
 * or when it lies under the current folder, which the VM sees anyway.
 */
function sharedCache(cwd: string): string | undefined {
  try {
    const dir = resolve(cacheDir());
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const real = realpathSync(dir);
    return real === cwd || real.startsWith(cwd + '/') ? undefined : real;
  } catch {
    return undefined;
  }
}

/** How long a booting VM's console may stay empty before QEMU counts as frozen (at most half the boot timeout). */
const SILENCE_MS = 20_000;

export async function runVm(plan: VmPlan): Promise<number> {
  const hostFailure = plan.bisect ? EXIT.bisectSkip : EXIT.host;
  let setup;
  try {
    setup = await prepareVm(plan);
  } catch (e) {
    if (e instanceof HostError && plan.bisect) {
      process.stderr.write(`kvmctl: ${e.message}\n`);
      return EXIT.bisectSkip;
    }
    throw e;
  }
  process.stderr.write(
    `kvmctl vm: kernel ${setup.kernel} (${setup.release || 'release unknown'}${setup.modulesDir ? `, modules ${setup.modulesDir}` : ', no modules'}), ${setup.qemu}, ${setup.accel === 'tcg' ? `tcg (${plan.tcgThreads}-threaded, -cpu ${setup.cpu})` : `kvm (-cpu ${setup.cpu})`}: ${setup.reason}\n`,
  );
  const session = (bootTimeoutMs: number, silenceMs: number) => runSession({
    qemu: setup.qemu,
    plan: { accel: setup.accel, tcgThreads: plan.tcgThreads, cpu: setup.cpu, smp: plan.smp, memMiB: plan.memMiB, kernel: setup.kernel, cwd: setup.cwd, cache: setup.cache, verbose: plan.verbose },
    initramfs: setup.initramfs,
    bootTimeoutMs,
    silenceMs,
    commandTimeoutMs: plan.commandTimeoutMs,
    freezeMs: plan.freezeMs,
    stdout: process.stdout,
    stderr: process.stderr,
    kernelLog: plan.verbose ? process.stderr : undefined,
    onMilestone: plan.verbose ? (name, ms) => process.stderr.write(`kvmctl vm: ${name} at ${(ms / 1000).toFixed(2)} s\n`) : undefined,
  });
  // A QEMU that froze before the kernel printed anything ran nothing of the command: one more boot,
  // within what is left of the boot timeout (the kernel's first line normally comes within a second).
  const silenceMs = Math.min(SILENCE_MS, plan.bootTimeoutMs / 2);
  let result = await session(plan.bootTimeoutMs, silenceMs);
  if (result.outcome.kind === 'vm-failure' && result.outcome.silent) {
    process.stderr.write(`kvmctl vm: ${result.outcome.why} (QEMU froze before the kernel ran; nothing of the command ran): booting again\n`);
    result = await session(plan.bootTimeoutMs - silenceMs, 0);
  }
  if (plan.verbose) process.stderr.write(`kvmctl vm: QEMU ended at ${(result.wallMs / 1000).toFixed(2)} s\n`);
  return exitCode(result, plan.bisect, hostFailure);
}

function exitCode(r: SessionResult, bisect: boolean, hostFailure: number): number {
  const o = r.outcome;
  switch (o.kind) {
    case 'exit':
      return o.code;
    case 'timeout':
      process.stderr.write(`kvmctl vm: the command did not finish within --timeout ${o.seconds} s (the VM's kernel was alive); stopped it\n`);
      return EXIT.failed;
    case 'interrupted':
      process.stderr.write(`kvmctl vm: interrupted by ${o.signal}; QEMU stopped\n`);
      return o.signal === 'SIGINT' ? 130 : 143;
    case 'vm-failure': {
      const tail = r.logTail.slice(-15).map((l) => `  | ${l}`).join('\n');
      process.stderr.write(`kvmctl vm: ${o.why}${bisect ? ' (exit 125: git bisect run skips this commit)' : ''}\n${tail ? `the kernel log's last lines:\n${tail}\n` : ''}`);
      return hostFailure;
    }
  }
}
