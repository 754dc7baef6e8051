// Host half of msr-feature-list: the feature MSR list and values of /dev/kvm against a vCPU and its guest.
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const ARCH_CAPABILITIES = 0x10a;
const SYSENTER_CS = 0x174;
const hex = (v: number | bigint) => `0x${v.toString(16)}`;
let supported: bigint | undefined;

const hooks: HostHooks = {
  setup({ system, vcpu, fail }) {
    const list = system.msrFeatureIndexList();
    if (!list.includes(ARCH_CAPABILITIES)) return fail(`KVM_GET_MSR_FEATURE_INDEX_LIST (${list.map(hex).join(' ')}) lacks IA32_ARCH_CAPABILITIES (0x10a)`);
    if (list.includes(SYSENTER_CS)) fail('KVM_GET_MSR_FEATURE_INDEX_LIST lists IA32_SYSENTER_CS (0x174), which is no feature MSR');
    supported = system.getMsrs([ARCH_CAPABILITIES])[0].data;
    const vcpuValue = vcpu.getMsrs([ARCH_CAPABILITIES])[0].data;
    if (vcpuValue !== supported) fail(`a new vCPU's IA32_ARCH_CAPABILITIES is ${hex(vcpuValue)}, KVM_GET_MSRS on /dev/kvm says ${hex(supported)}`);
    try {
      system.getMsrs([SYSENTER_CS]);
      fail('KVM_GET_MSRS on /dev/kvm read IA32_SYSENTER_CS (0x174), which KVM_GET_MSR_FEATURE_INDEX_LIST does not list');
    } catch (e) {
      if (!/refused MSR 0x174/.test((e as Error).message)) fail(`KVM_GET_MSRS on /dev/kvm of 0x174: ${(e as Error).message}`);
    }
  },
  check(outcome, { fail }) {
    if (supported === undefined || outcome.final.reason !== 'hlt') return;
    if (outcome.regs.r8 !== supported) fail(`the guest's RDMSR of IA32_ARCH_CAPABILITIES read ${hex(outcome.regs.r8)}, KVM_GET_MSRS on /dev/kvm says ${hex(supported)}`);
  },
};
export default hooks;
