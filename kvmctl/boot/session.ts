// One `kvmctl vm` session: start QEMU, carry the command's stdout and stderr out byte for byte,
// watch the boot, the heartbeat and the kernel log, and tell how it ended. QEMU runs as a child
// process; kvmctl's engine is not involved.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { qemuArgs, type QemuPlan } from './qemu-args.js';

export type VmOutcome =
  | { kind: 'exit'; code: number }
  | { kind: 'timeout'; seconds: number }
  | { kind: 'vm-failure'; why: string; silent?: true }
  | { kind: 'interrupted'; signal: NodeJS.Signals };

export interface SessionOptions {
  qemu: string;
  plan: Omit<QemuPlan, 'initrd' | 'sockets'>;
  initramfs: Buffer;
  bootTimeoutMs: number;
  /** 0: no limit */
  commandTimeoutMs: number;
  /** no heartbeat for this long means the VM's kernel froze */
  freezeMs: number;
  /**
   * Not a byte on the serial console for this long after QEMU started means QEMU froze before the
   * kernel printed its first line (seen about once in ten boots under QEMU 7.2's multi-threaded TCG):
   * the outcome is a vm-failure marked `silent`, which runVm boots again. 0: no such limit.
   */
  silenceMs?: number;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** the kernel log, live (--verbose) */
  kernelLog?: NodeJS.WritableStream;
  /** called at the milestones, for timing */
  onMilestone?: (name: 'qemu-started' | 'ready' | 'first-output', ms: number) => void;
}

export interface SessionResult {
  outcome: VmOutcome;
  /** the last lines of the kernel log */
  logTail: string[];
  /** QEMU's own stderr */
  qemuStderr: string;
  wallMs: number;
}

const LOG_LINES = 40;
/** A panic ends QEMU by itself (panic=-1 with -no-reboot), with the rest of its log. */
const PANIC = /Kernel panic - not syncing.*/;
/** Kernel messages that mean it can no longer be trusted to run anything: QEMU is stopped. */
const LOCKUP = /BUG: soft lockup|self-detected stall|rcu_\w+ detected stalls/;

export async function runSession(o: SessionOptions): Promise<SessionResult> {
  const dir = mkdtempSync(join(tmpdir(), 'kvmctl-vm-'));
  const started = Date.now();
  const since = () => Date.now() - started;
  const sockets = { console: join(dir, 'console.sock'), ctl: join(dir, 'ctl.sock'), out: join(dir, 'out.sock'), err: join(dir, 'err.sock') };
  const initrd = join(dir, 'initramfs.cpio');
  writeFileSync(initrd, o.initramfs);

  const log: string[] = [];
  let partial = '';
  let outcome: VmOutcome | undefined;
  let qemu: ChildProcess | undefined;
  const timers: NodeJS.Timeout[] = [];
  const conclude = (result: VmOutcome) => {
    if (outcome) return;
    outcome = result;
    qemu?.kill('SIGKILL');
  };

  const servers: Server[] = [];
  const connections: Promise<void>[] = [];
  /** A listening socket that QEMU connects to; resolves its `closed` once QEMU is gone. */
  const listen = (path: string, onData: (chunk: Buffer, socket: Socket) => void) =>
    new Promise<void>((resolveListening, reject) => {
      const server = createServer({ pauseOnConnect: false }, (socket) => {
        server.close();
        connections.push(new Promise((done) => socket.on('close', () => done())));
        socket.on('data', (chunk: Buffer) => onData(chunk, socket));
        socket.on('error', () => undefined);
      });
      servers.push(server);
      server.on('error', reject);
      server.listen(path, () => resolveListening());
    });

  let panicked: string | undefined;
  let sawOutput = false;
  const forward = (to: NodeJS.WritableStream) => (chunk: Buffer, socket: Socket) => {
    if (!sawOutput) {
      sawOutput = true;
      o.onMilestone?.('first-output', since());
    }
    if (!to.write(chunk)) {
      socket.pause();
      to.once('drain', () => socket.resume());
    }
  };

  let lastBeat = 0;
  let ready = false;
  let ctlBuffer = '';
  const onControl = (chunk: Buffer) => {
    ctlBuffer += chunk.toString('latin1');
    let nl: number;
    while ((nl = ctlBuffer.indexOf('\n')) >= 0) {
      const line = ctlBuffer.slice(0, nl);
      ctlBuffer = ctlBuffer.slice(nl + 1);
      lastBeat = Date.now();
      if (line === 'ready') {
        ready = true;
        o.onMilestone?.('ready', since());
        if (o.commandTimeoutMs > 0) {
          timers.push(setTimeout(() => conclude({ kind: 'timeout', seconds: o.commandTimeoutMs / 1000 }), o.commandTimeoutMs));
        }
      } else if (line.startsWith('exit ')) {
        outcome ??= { kind: 'exit', code: Number(line.slice(5)) };
      } else if (line.startsWith('vmfail ') || line.startsWith('nokvm ')) {
        const why = line.slice(line.indexOf(' ') + 1);
        outcome ??= { kind: 'vm-failure', why: line.startsWith('nokvm') ? `no usable KVM inside the VM: ${why}` : why };
      }
    }
  };

  let consoleBytes = 0;
  const onConsole = (chunk: Buffer) => {
    consoleBytes += chunk.length;
    o.kernelLog?.write(chunk);
    partial += chunk.toString('latin1');
    const lines = partial.split(/\r?\n/);
    partial = lines.pop() ?? '';
    for (const raw of lines) {
      const line = raw.replace(/\r/g, '');
      log.push(line);
      if (log.length > LOG_LINES) log.shift();
      const panic = PANIC.exec(line);
      if (panic) panicked ??= panic[0];
      const lockup = LOCKUP.exec(line);
      if (lockup) conclude({ kind: 'vm-failure', why: `the VM's kernel reported "${lockup[0]}"` });
    }
  };

  let qemuStderr = '';
  try {
    await Promise.all([
      listen(sockets.console, onConsole),
      listen(sockets.ctl, onControl),
      listen(sockets.out, forward(o.stdout)),
      listen(sockets.err, forward(o.stderr)),
    ]);
    const args = qemuArgs({ ...o.plan, initrd, sockets });
    qemu = spawn(o.qemu, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    o.onMilestone?.('qemu-started', since());
    // However kvmctl ends (a closed stdout exits at once with 141), QEMU does not outlive it.
    const killOnExit = () => qemu?.kill('SIGKILL');
    process.once('exit', killOnExit);
    void new Promise((r) => qemu!.once('exit', r)).then(() => process.off('exit', killOnExit));
    qemu.stderr?.on('data', (c: Buffer) => {
      qemuStderr += c.toString();
      if (qemuStderr.length > 8192) qemuStderr = qemuStderr.slice(-8192);
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
      qemu!.on('error', (error) => resolve({ code: null, signal: null, error }));
      qemu!.on('exit', (code, signal) => resolve({ code, signal }));
    });

    timers.push(setTimeout(() => {
      if (!ready) conclude({ kind: 'vm-failure', why: `the VM did not start the command within the boot timeout (${o.bootTimeoutMs / 1000} s)` });
    }, o.bootTimeoutMs));
    if (o.silenceMs) {
      timers.push(setTimeout(() => {
        if (consoleBytes === 0 && !ready) conclude({ kind: 'vm-failure', why: `QEMU started but the kernel printed nothing within ${o.silenceMs! / 1000} s`, silent: true });
      }, o.silenceMs));
    }
    const watchdog = setInterval(() => {
      if (ready && Date.now() - lastBeat > o.freezeMs) {
        conclude({ kind: 'vm-failure', why: `the VM's kernel stopped: no heartbeat for ${o.freezeMs / 1000} s` });
      }
    }, 500);
    timers.push(watchdog as unknown as NodeJS.Timeout);

    const stop = (signal: NodeJS.Signals) => conclude({ kind: 'interrupted', signal });
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    const end = await exited;
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    // Every byte QEMU took from the VM is in a socket: read them to the end before reporting.
    await Promise.race([Promise.all(connections), new Promise((r) => setTimeout(r, 2000))]);
    if (partial) onConsole(Buffer.from('\n'));
    if (end.error) outcome ??= { kind: 'vm-failure', why: `cannot start ${o.qemu}: ${end.error.message}` };
    if (!outcome && panicked) outcome = { kind: 'vm-failure', why: `the VM's kernel panicked: ${panicked}` };
    if (!outcome) {
      const qemuSaid = qemuStderr.trim().split('\n').pop();
      const stage = ready ? 'ended' : 'started';
      outcome = {
        kind: 'vm-failure',
        why: qemuSaid
          ? `QEMU exited (${end.code ?? end.signal}) before the command ${stage}: ${qemuSaid}`
          : ready
            ? `the VM stopped before the command ended (QEMU exit ${end.code ?? end.signal})`
            // -no-reboot turns a reset (a kernel that cannot boot triple-faults) into QEMU's exit.
            : `the VM stopped before the command started (QEMU exit ${end.code ?? end.signal}: the kernel reset or powered off while booting)`,
      };
    }
    return { outcome, logTail: [...log], qemuStderr, wallMs: since() };
  } finally {
    for (const t of timers) clearTimeout(t);
    for (const s of servers) s.close();
    if (qemu && qemu.exitCode === null && qemu.signalCode === null) qemu.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
}
