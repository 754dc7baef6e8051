// Host half of last-cpu: the vCPU's thread runs on one CPU only, so the refused entry's fail_entry.cpu
// (kvm_run, KVM_CAP_LAST_CPU) must be that CPU.
import { setThreadAffinity, threadAffinity } from '../../kvmctl/engine/sys/libc.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

let allowed: number[] = [];
let pinned = -1;

const hooks: HostHooks = {
  setup() {
    allowed = threadAffinity();
    pinned = allowed[allowed.length - 1]; // the highest: not the 0 an unset field would read as
    setThreadAffinity([pinned]);
  },
  check({ final }, { fail }) {
    setThreadAffinity(allowed);
    if (final.reason !== 'fail_entry') return; // the header's final-exit expectation reports it
    if (final.cpu !== pinned) fail(`fail_entry.cpu is ${final.cpu}, but the vCPU's thread could only run on CPU ${pinned}`);
  },
};
export default hooks;
