// Host half of hyperv-time-ref-count: HV_X64_MSR_TIME_REF_COUNT ticks in 100 ns units. The host sleeps 50 ms between
// the guest's two reads (so at least 500000 ticks), and the run's whole wall time bounds the difference from above
// (a counter in ns, or in TSC cycles, would exceed it).
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const PAUSE_MS = 50;
let started = 0n;

const sleep = (ms: number): void => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms); };

const hooks: HostHooks = {
  setup() {
    started = process.hrtime.bigint();
  },
  onCheckpoint(n) {
    if (n === 1) sleep(PAUSE_MS);
  },
  check(outcome, { fail }) {
    const wallTicks = (process.hrtime.bigint() - started) / 100n;
    const delta = outcome.regs.r9 - outcome.regs.r8;
    const min = BigInt(PAUSE_MS) * 10_000n;
    if (delta < min) fail(`TIME_REF_COUNT advanced ${delta} across a ${PAUSE_MS} ms pause, expected at least ${min} (100 ns units)`);
    if (delta > wallTicks) fail(`TIME_REF_COUNT advanced ${delta}, more than the ${wallTicks} 100 ns units the whole run took`);
  },
};
export default hooks;
