// Host half of irq-line-status: KVM_IRQ_LINE_STATUS on GSI 16 with its IOAPIC pin masked, then unmasked.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const GSI = 16;

const hooks: HostHooks = {
  onCheckpoint(n, { vm, fail }) {
    const line = (level: number, what: string, ok: (s: number) => boolean, want: string) => {
      const status = vm.irqLineStatus(GSI, level);
      if (!ok(status)) fail(`checkpoint ${n}: KVM_IRQ_LINE_STATUS(${GSI}, ${level}) ${what}: status ${status}, expected ${want}`);
    };
    if (n === 1) {
      line(1, 'on a masked pin', (s) => s < 0, 'negative (masked)');
      vm.irqLineStatus(GSI, 0);
    } else if (n === 2) {
      line(1, 'on the unmasked pin', (s) => s === 1, '1 (one local APIC)');
      line(1, 'again, the edge still pending', (s) => s === 0, '0 (coalesced)');
      vm.irqLineStatus(GSI, 0);
    }
  },
};
export default hooks;
