// Host half of xsave2: KVM_GET_XSAVE2 with the size of the VM's KVM_CHECK_EXTENSION(KVM_CAP_XSAVE2), compared
// with KVM_GET_XSAVE (the first 4096 bytes) and with the XMM0 the guest loaded.
import { SIZEOF } from '../../kvmctl/engine/abi/ioctls.js';
import { XSAVE } from '../../kvmctl/engine/abi/vcpu-state.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const XMM0 = '000102030405060788898a8b8c8d8e8f';
const hexBytes = (b: Uint8Array) => Buffer.from(b).toString('hex');
const LEGACY_AND_HEADER = XSAVE.xstate_bv + 64; // the 512-byte legacy region and the 64-byte XSAVE header

const hooks: HostHooks = {
  onCheckpoint(n, { vm, vcpu, system, fail }) {
    if (n !== 1) return;
    const size = vm.checkExtension('KVM_CAP_XSAVE2');
    if (size < SIZEOF.kvm_xsave) return fail(`KVM_CHECK_EXTENSION(KVM_CAP_XSAVE2) on the VM is ${size}, less than sizeof(struct kvm_xsave) = ${SIZEOF.kvm_xsave}`);
    const leaf = system.supportedCpuid().find((e) => e.function === 0xd && e.index === 0);
    if (leaf && leaf.ecx > size) fail(`KVM_CAP_XSAVE2 is ${size}, but CPUID 0xD.0 ECX says the supported features need ${leaf.ecx} bytes`);
    const xsave2 = vcpu.getXsave2(size);
    const xsave = vcpu.getXsave();
    const a = hexBytes(xsave2.subarray(0, LEGACY_AND_HEADER)), b = hexBytes(xsave.subarray(0, LEGACY_AND_HEADER));
    if (a !== b) fail(`KVM_GET_XSAVE2's legacy region and header differ from KVM_GET_XSAVE's:\n  ${a}\n  ${b}`);
    if (size === SIZEOF.kvm_xsave && hexBytes(xsave2) !== hexBytes(xsave)) fail('KVM_GET_XSAVE2 of 4096 bytes differs from KVM_GET_XSAVE');
    const xmm0 = hexBytes(xsave2.subarray(XSAVE.xmm0, XSAVE.xmm0 + 16));
    if (xmm0 !== XMM0) fail(`XMM0 in KVM_GET_XSAVE2 is ${xmm0}, the guest loaded ${XMM0}`);
  },
};
export default hooks;
