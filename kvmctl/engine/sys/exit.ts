// Leaving the process at once. process.exit() joins every worker thread first, and a thread stuck in
// a system call (a KVM_RUN the host never returns from) cannot be joined: libc's _exit ends the
// process, and every thread in it, without waiting. stdout and stderr need no flush: on Linux, Node
// writes them synchronously when they are files, pipes or terminals.
import koffi from 'koffi';

const _exit = koffi.load('libc.so.6').func('void _exit(int status)');

export function exitNow(code: number): never {
  _exit(code);
  throw new Error('unreachable: _exit returned');
}
