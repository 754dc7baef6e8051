// Host half of irq-window: at KVM_EXIT_IRQ_WINDOW_OPEN, kvm_run says an interrupt can be injected now
// (ready_for_interrupt_injection) and the guest's IF is set (if_flag).
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hooks: HostHooks = {
  onExit(exit, { vcpu, fail }) {
    if (exit.reason !== 'irq_window_open') return undefined;
    if (!vcpu.readyForInterruptInjection) fail('at KVM_EXIT_IRQ_WINDOW_OPEN: ready_for_interrupt_injection is 0');
    if (!vcpu.ifFlag) fail('at KVM_EXIT_IRQ_WINDOW_OPEN: if_flag is 0');
    return undefined;
  },
};
export default hooks;
