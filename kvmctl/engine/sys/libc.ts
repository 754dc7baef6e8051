// libc through koffi: the handful of calls a KVM userspace needs. Each wrapper throws a SysError
// naming the call (or the ioctl) and its errno symbol when the kernel says no.
import koffi from 'koffi';
import { ioctlName } from '../abi/ioctls.js';
import { errnoName, errnoNumber } from './errno.js';

const libc = koffi.load('libc.so.6');

// One prototype per argument shape: koffi's fixed prototypes are much faster than variadic ones,
// and ioctl ignores how its third argument was declared.
const c = {
  open: libc.func('int open(const char *path, int flags, int mode)'),
  close: libc.func('int close(int fd)'),
  read: libc.func('int64_t read(int fd, void *buf, size_t len)'),
  write: libc.func('int64_t write(int fd, const void *buf, size_t len)'),
  pread: libc.func('int64_t pread(int fd, void *buf, size_t len, int64_t offset)'),
  ioctlInt: libc.func('ioctl', 'int', ['int', 'ulong', 'ulong']),
  ioctlPtr: libc.func('ioctl', 'int', ['int', 'ulong', 'void *']),
  mmap: libc.func('intptr_t mmap(intptr_t addr, size_t len, int prot, int flags, int fd, int64_t off)'),
  munmap: libc.func('int munmap(intptr_t addr, size_t len)'),
  madvise: libc.func('int madvise(intptr_t addr, size_t len, int advice)'),
  eventfd: libc.func('int eventfd(unsigned int initval, int flags)'),
  gettid: libc.func('int gettid()'),
  tgkill: libc.func('int tgkill(int tgid, int tid, int sig)'),
  schedGetaffinity: libc.func('int sched_getaffinity(int pid, size_t size, void *mask)'),
  schedSetaffinity: libc.func('int sched_setaffinity(int pid, size_t size, const void *mask)'),
  timerCreate: libc.func('int timer_create(int clockid, void *sevp, _Out_ intptr_t *timerid)'),
  timerSettime: libc.func('int timer_settime(intptr_t timerid, int flags, const void *value, void *old)'),
  timerDelete: libc.func('int timer_delete(intptr_t timerid)'),
};

export { errnoName, errnoNumber };

export class SysError extends Error {
  constructor(
    readonly call: string,
    readonly errno: number,
  ) {
    super(`${call} failed: ${errnoName(errno)}`);
    this.name = 'SysError';
  }
  get code(): string {
    return errnoName(this.errno);
  }
}

function check(call: string, ret: number): number {
  if (ret < 0) throw new SysError(call, koffi.errno());
  return ret;
}

export const O_RDWR = 2;
export const O_CLOEXEC = 0x80000;
export const PROT_READ = 1, PROT_WRITE = 2;
export const MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20, MAP_NORESERVE = 0x4000;
export const EFD_CLOEXEC = 0x80000, EFD_NONBLOCK = 0x800;
export const EINTR = 4;
export const EAGAIN = 11;

export function open(path: string, flags: number, mode = 0): number {
  return check(`open ${path}`, c.open(path, flags | O_CLOEXEC, mode));
}

export function close(fd: number): void {
  check('close', c.close(fd));
}

export function read(fd: number, buf: Uint8Array): number {
  return Number(check('read', Number(c.read(fd, buf, buf.byteLength))));
}

export function write(fd: number, buf: Uint8Array): number {
  return Number(check('write', Number(c.write(fd, buf, buf.byteLength))));
}

/** pread: reads at `offset` without moving the file position (a stats fd is read this way). */
export function pread(fd: number, buf: Uint8Array, offset: number): number {
  return Number(check('pread', Number(c.pread(fd, buf, buf.byteLength, offset))));
}

// A signal (the timeout kick, a profiler) can interrupt any ioctl; all but KVM_RUN are simply retried.

/** ioctl with an integer argument. Returns the non-negative result. */
export function ioctl(fd: number, request: number, arg = 0): number {
  for (;;) {
    const ret = c.ioctlInt(fd, request, arg);
    if (ret >= 0) return ret;
    const errno = koffi.errno();
    if (errno !== EINTR) throw new SysError(ioctlName(request), errno);
  }
}

/** ioctl with a pointer to `buf` (the struct the kernel reads or fills). */
export function ioctlBuf(fd: number, request: number, buf: Uint8Array): number {
  for (;;) {
    const ret = c.ioctlPtr(fd, request, buf);
    if (ret >= 0) return ret;
    const errno = koffi.errno();
    if (errno !== EINTR) throw new SysError(ioctlName(request), errno);
  }
}

/** Runs `call`: 'ok' when it returns, its errno name ('EINVAL') when it throws a SysError; any other error is rethrown. */
export function errnoOf(call: () => unknown): string {
  try {
    call();
    return 'ok';
  } catch (e) {
    if (e instanceof SysError) return e.code;
    throw e;
  }
}

/** KVM_RUN's hot path: returns the raw result and leaves errno to the caller (EINTR is not an error). */
export function ioctlRaw(fd: number, request: number): number {
  return c.ioctlInt(fd, request, 0);
}
export const lastErrno = (): number => koffi.errno();

export interface Mapping {
  readonly address: bigint;
  readonly length: number;
  readonly buffer: ArrayBuffer;
}

/** mmap; an anonymous mapping when fd is -1. The returned buffer views the mapped bytes without copying. */
export function mmap(length: number, prot: number, flags: number, fd = -1, offset = 0): Mapping {
  const addr = BigInt(c.mmap(0, length, prot, flags, fd, offset));
  if (addr === -1n || addr === 0xffffffffffffffffn) throw new SysError('mmap', koffi.errno());
  return { address: addr, length, buffer: koffi.view(addr, length) };
}

/** mmap with MAP_FIXED at `address`: replaces whatever was mapped in [address, address+length) with the new mapping. */
export function mmapFixed(address: bigint, length: number, prot: number, flags: number, fd = -1, offset = 0): void {
  const addr = BigInt(c.mmap(address, length, prot, flags | MAP_FIXED, fd, offset));
  if (addr !== address) throw new SysError('mmap', koffi.errno());
}

export function munmap(mapping: Mapping): void {
  check('munmap', c.munmap(mapping.address, mapping.length));
}

export function eventfd(initval = 0, flags = EFD_CLOEXEC): number {
  return check('eventfd', c.eventfd(initval, flags));
}

/** Reads (and so resets) an eventfd's counter; 0 when a non-blocking eventfd has nothing (EAGAIN). */
export function eventfdRead(fd: number): bigint {
  const buf = new Uint8Array(8);
  try {
    read(fd, buf);
  } catch (e) {
    if (e instanceof SysError && e.code === 'EAGAIN') return 0n;
    throw e;
  }
  return new DataView(buf.buffer).getBigUint64(0, true);
}

/** Adds `value` to an eventfd's counter (signals it). */
export function eventfdWrite(fd: number, value = 1n): void {
  const buf = new Uint8Array(8);
  new DataView(buf.buffer).setBigUint64(0, value, true);
  write(fd, buf);
}

export const gettid = (): number => c.gettid();

export function tgkill(pid: number, tid: number, signal: number): void {
  check('tgkill', c.tgkill(pid, tid, signal));
}

const CPU_SET_BYTES = 128; // glibc's cpu_set_t: 1024 CPUs

/** The CPUs the calling thread may run on (sched_getaffinity of pid 0, the caller), in ascending order. */
export function threadAffinity(): number[] {
  const mask = new Uint8Array(CPU_SET_BYTES);
  check('sched_getaffinity', c.schedGetaffinity(0, mask.length, mask));
  const cpus: number[] = [];
  mask.forEach((byte, i) => { for (let b = 0; b < 8; b++) if (byte & (1 << b)) cpus.push(i * 8 + b); });
  return cpus;
}

/** Restricts the calling thread to `cpus` (sched_setaffinity of pid 0): a test that needs to know where KVM_RUN ran. */
export function setThreadAffinity(cpus: number[]): void {
  const mask = new Uint8Array(CPU_SET_BYTES);
  for (const cpu of cpus) mask[cpu >> 3] |= 1 << (cpu & 7);
  check('sched_setaffinity', c.schedSetaffinity(0, mask.length, mask));
}

const CLOCK_MONOTONIC = 1;
const SIGEV_THREAD_ID = 4;

/**
 * A POSIX timer that sends `signal` to one thread, first after `firstMs` and then every `intervalMs`.
 * This is how a blocking KVM_RUN is interrupted: the signal makes it return EINTR on that thread.
 */
export function threadTimerCreate(tid: number, signal: number): bigint {
  const sigevent = new Uint8Array(64);
  const view = new DataView(sigevent.buffer);
  view.setInt32(8, signal, true); // sigev_signo
  view.setInt32(12, SIGEV_THREAD_ID, true); // sigev_notify
  view.setInt32(16, tid, true); // _sigev_un._tid
  const id = [0n];
  check('timer_create', c.timerCreate(CLOCK_MONOTONIC, sigevent, id));
  return BigInt(id[0]);
}

export function threadTimerArm(timer: bigint, firstMs: number, intervalMs: number): void {
  const spec = new BigInt64Array(4);
  const ns = (ms: number) => BigInt(Math.round(ms * 1e6));
  spec[0] = ns(intervalMs) / 1_000_000_000n;
  spec[1] = ns(intervalMs) % 1_000_000_000n;
  spec[2] = ns(firstMs) / 1_000_000_000n;
  spec[3] = ns(firstMs) % 1_000_000_000n;
  check('timer_settime', c.timerSettime(timer, 0, spec, null));
}

export function threadTimerDelete(timer: bigint): void {
  check('timer_delete', c.timerDelete(timer));
}
