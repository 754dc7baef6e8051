// Host half of debugregs: KVM_SET_DEBUGREGS before the run, KVM_GET_DEBUGREGS after it.
import type { Debugregs } from '../../kvmctl/engine/abi/vcpu-state.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const hex = (v: bigint) => `0x${v.toString(16)}`;
const FROM_HOST: Partial<Debugregs> = { db_0: 0x111000n, db_1: 0x222000n, db_2: 0x333000n, db_3: 0x444000n, dr7: 0xd0400n };
const FROM_GUEST: Partial<Debugregs> = { db_0: 0xaaa000n, db_1: 0xbbb000n, db_2: 0xccc000n, db_3: 0xddd000n, dr7: 0x500400n };

const hooks: HostHooks = {
  setup({ vcpu }) {
    vcpu.setDebugregs({ ...FROM_HOST, dr6: 0xffff0ff0n });
  },
  check(_outcome, { vcpu, fail }) {
    const got = vcpu.getDebugregs();
    for (const [k, want] of Object.entries(FROM_GUEST) as Array<[keyof Debugregs, bigint]>) {
      if (got[k] !== want) fail(`KVM_GET_DEBUGREGS ${k.replace('db_', 'dr')}: expected ${hex(want)} (the guest's write), got ${hex(got[k])}`);
    }
  },
};
export default hooks;
