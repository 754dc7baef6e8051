// How kvm-unit-tests' own runner (scripts/runtime.bash) reads a test's end. The test writes its exit
// code to isa-debug-exit; QEMU exits with (code << 1) | 1, which the shell sees modulo 256: 1 is
// PASS, 77 SKIP (report_summary's 38 when every test skipped), anything else FAIL. A test that
// never writes there (it hangs, or the machine stops) is FAIL too, and running out of time is the
// runner's timeout (its 124).

export type KutVerdict = 'pass' | 'fail' | 'skip';

/** The exit status QEMU would have ended with. */
export const exitStatus = (code: number): number => ((code << 1) | 1) & 0xff;

export function verdictOf(status: number): KutVerdict {
  return status === 1 ? 'pass' : status === 77 ? 'skip' : 'fail';
}
