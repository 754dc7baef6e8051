// Host half of smp-init-sipi: KVM_GET/SET_MP_STATE on the AP before the run (uninitialized: it waits
// for INIT) and after it (halted, once the guest's INIT/SIPI started it and it ran HLT).
import { MP_STATES } from '../../kvmctl/engine/abi/devices.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const NAMES = Object.fromEntries(Object.entries(MP_STATES).map(([k, v]) => [v, k])) as Record<number, string>;
const name = (s: number) => NAMES[s] ?? `mp_state ${s}`;

const hooks: HostHooks = {
  setup({ machine, fail }) {
    const [bsp, ap] = machine.vcpus;
    const expect = (what: string, got: number, want: number) => {
      if (got !== want) fail(`${what}: KVM_GET_MP_STATE returned ${name(got)}, expected ${name(want)}`);
    };
    expect('vCPU 0 before the run', bsp.getMpState(), MP_STATES.KVM_MP_STATE_RUNNABLE);
    expect('vCPU 1 before the run', ap.getMpState(), MP_STATES.KVM_MP_STATE_UNINITIALIZED);
    ap.setMpState(MP_STATES.KVM_MP_STATE_UNINITIALIZED);
    expect('vCPU 1 after KVM_SET_MP_STATE(uninitialized)', ap.getMpState(), MP_STATES.KVM_MP_STATE_UNINITIALIZED);
  },
  check(_outcome, { machine, fail }) {
    const ap = machine.vcpus[1];
    const got = ap.getMpState();
    if (got !== MP_STATES.KVM_MP_STATE_HALTED) fail(`vCPU 1 after the run: KVM_GET_MP_STATE returned ${name(got)}, expected KVM_MP_STATE_HALTED`);
    ap.setMpState(MP_STATES.KVM_MP_STATE_RUNNABLE);
    const back = ap.getMpState();
    if (back !== MP_STATES.KVM_MP_STATE_RUNNABLE) fail(`vCPU 1 after KVM_SET_MP_STATE(runnable): KVM_GET_MP_STATE returned ${name(back)}`);
  },
};
export default hooks;
