// Host half of interrupt-inject: at the first HLT exit (after sti) the guest can take an interrupt, so
// kvm_run.ready_for_interrupt_injection and if_flag must both be 1 before the header's KVM_INTERRUPT.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

let hlts = 0;

const hooks: HostHooks = {
  setup() {
    hlts = 0;
  },
  onExit(exit, { vcpu, fail }) {
    if (exit.reason !== 'hlt' || ++hlts !== 1) return undefined;
    if (!vcpu.readyForInterruptInjection) fail('at the HLT after sti: ready_for_interrupt_injection is 0');
    if (!vcpu.ifFlag) fail('at the HLT after sti: if_flag is 0');
    return undefined;
  },
};
export default hooks;
