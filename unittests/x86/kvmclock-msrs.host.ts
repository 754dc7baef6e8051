// Host half of kvmclock-msrs: the struct pvclock_wall_clock KVM wrote at 0x6000 for MSR_KVM_WALL_CLOCK_NEW,
// and that it plus the pvclock page's system_time (0x5000) is the host's wall-clock time of that update.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const WALL = 0x6000, PV_SYSTEM_TIME = 0x5000 + 16;
const NS = 1_000_000_000n;
const LATE = 2n * NS; // Date.now() has millisecond steps; KVM's two clocks may differ a little
const EARLY = 60n * NS; // the update happened during this short run, not minutes ago

const hooks: HostHooks = {
  check(_outcome, { machine, fail }) {
    const now = BigInt(Date.now()) * 1_000_000n;
    const mem = machine.memory;
    const version = mem.readU32(WALL), sec = BigInt(mem.readU32(WALL + 4)), nsec = BigInt(mem.readU32(WALL + 8));
    if (version !== 2) fail(`wall clock version ${version}, expected 2 (odd during KVM's one write, then even)`);
    if (nsec >= NS) fail(`wall clock nsec ${nsec} is not below 1e9`);
    const at = sec * NS + nsec + mem.readU64(PV_SYSTEM_TIME);
    if (at > now + LATE || at < now - EARLY)
      fail(`wall clock ${sec}.${nsec.toString().padStart(9, '0')} s + system_time is ${Number(at - now) / 1e9} s from the host's real time`);
  },
};
export default hooks;
