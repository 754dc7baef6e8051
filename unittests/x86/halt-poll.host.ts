// Host half of halt-poll: the vCPU's halt statistics (KVM_GET_STATS_FD) under each halt-polling limit.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

let pollsAt1 = 0n;

const hooks: HostHooks = {
  onCheckpoint(n, { vcpu, fail }) {
    const stats = vcpu.stats();
    try {
      const polls = stats.value('halt_attempted_poll');
      const halts = stats.value('halt_exits');
      if (polls === undefined || halts === undefined) return fail('the vCPU stats lack halt_attempted_poll or halt_exits');
      if (n === 1) {
        pollsAt1 = polls;
        if (halts < 8n) fail(`checkpoint 1: halt_exits ${halts} after eight timer HLTs`);
        if (polls === 0n) fail('checkpoint 1: halt_attempted_poll 0 after eight 2 ms HLTs with KVM_CAP_HALT_POLL 1000000000');
      } else if (n === 2) {
        if (polls !== pollsAt1) fail(`checkpoint 2: halt_attempted_poll went from ${pollsAt1} to ${polls} with KVM_CAP_HALT_POLL 0`);
      }
    } finally {
      stats.close();
    }
  },
};
export default hooks;
