// Host half of sync-regs: reads and writes the guest's registers through kvm_run.s.regs (KVM_CAP_SYNC_REGS),
// and checks that KVM_RUN refuses kvm_valid_regs / kvm_dirty_regs bits that KVM does not define.
import { SYNC_REGS } from '../../kvmctl/engine/abi/vcpu-state.js';
import type { Vcpu } from '../../kvmctl/engine/kvm/vcpu.js';
import { SysError } from '../../kvmctl/engine/sys/libc.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hex = (v: bigint) => `0x${v.toString(16)}`;
const NEW_RAX = 0x5a5a5a5a12345678n;
const INVALID = 1n << 63n;

/** KVM_RUN with one field set to an invalid bit must fail with EINVAL; immediate_exit keeps the guest still. */
function expectEinval(vcpu: Vcpu, field: 'syncValidRegs' | 'syncDirtyRegs', fail: (m: string) => void): void {
  const name = field === 'syncValidRegs' ? 'kvm_valid_regs' : 'kvm_dirty_regs';
  const saved = vcpu[field];
  vcpu[field] = INVALID;
  vcpu.immediateExit = true;
  try {
    const exit = vcpu.run();
    fail(`KVM_RUN with ${name} = ${hex(INVALID)} did not fail (exit ${exit.reason}), expected EINVAL`);
  } catch (e) {
    if (!(e instanceof SysError) || e.code !== 'EINVAL') fail(`KVM_RUN with ${name} = ${hex(INVALID)}: expected EINVAL, got ${(e as Error).message}`);
  } finally {
    vcpu.immediateExit = false;
    vcpu[field] = saved;
  }
}

const hooks: HostHooks = {
  setup({ vcpu }) {
    vcpu.syncValidRegs = BigInt(SYNC_REGS.REGS);
  },
  onCheckpoint(n, { vcpu, fail }) {
    if (n === 1) {
      const regs = vcpu.syncRegs;
      if (regs.rax !== 1n) fail(`kvm_run.s.regs.rax at checkpoint 1: expected 0x1, got ${hex(regs.rax)}`);
      if (regs.rbx !== 0x1234n) fail(`kvm_run.s.regs.rbx at checkpoint 1: expected 0x1234, got ${hex(regs.rbx)}`);
      vcpu.setSyncRegs({ rax: NEW_RAX });
      vcpu.syncDirtyRegs = BigInt(SYNC_REGS.REGS);
    } else if (n === 2) {
      expectEinval(vcpu, 'syncValidRegs', fail);
      expectEinval(vcpu, 'syncDirtyRegs', fail);
    }
  },
};
export default hooks;
