// Host half of xsave-avx: KVM_SET_XCRS of XCR0 = 7 before the run, as set-up (AVX on; xcrs-xgetbv checks
// it); at checkpoint 1 KVM_GET_XSAVE must hold the guest's ymm0 (low half in the legacy xmm0 slot, high half in
// YMM_Hi128), then KVM_SET_XSAVE loads ymm1.
import { XSAVE } from '../../kvmctl/engine/abi/vcpu-state.js';
import type { HostHooks } from '../../kvmctl/harness/host-hooks.js';

const XCR0 = 7n; // x87 | SSE | AVX
const range = (from: number) => Uint8Array.from({ length: 16 }, (_, i) => from + i);
const show = (b: Uint8Array) => Buffer.from(b).toString('hex');

const hooks: HostHooks = {
  setup({ vcpu }) {
    vcpu.setXcrs([{ xcr: 0, value: XCR0 }]);
  },
  onCheckpoint(n, { system, vcpu, fail }) {
    if (n !== 1) return;
    const avx = system.supportedCpuid().find((e) => e.function === 0xd && e.index === 2);
    if (!avx) return fail('KVM_GET_SUPPORTED_CPUID has no leaf 0xD.2 (the AVX state offset)');
    const image = vcpu.getXsave();
    const view = new DataView(image.buffer);
    const bv = view.getBigUint64(XSAVE.xstate_bv, true);
    if ((bv & 4n) === 0n) fail(`KVM_GET_XSAVE: XSTATE_BV 0x${bv.toString(16)} lacks AVX (bit 2) after the guest loaded ymm0`);
    const lo = image.slice(XSAVE.xmm0, XSAVE.xmm0 + 16), hi = image.slice(avx.ebx, avx.ebx + 16);
    if (show(lo) !== show(range(0x20))) fail(`KVM_GET_XSAVE: ymm0[127:0] is ${show(lo)}, expected ${show(range(0x20))}`);
    if (show(hi) !== show(range(0x30))) fail(`KVM_GET_XSAVE: ymm0[255:128] (offset ${avx.ebx}) is ${show(hi)}, expected ${show(range(0x30))}`);
    image.set(range(0x40), XSAVE.xmm0 + 16);
    image.set(range(0x50), avx.ebx + 16);
    view.setBigUint64(XSAVE.xstate_bv, bv | 6n, true);
    vcpu.setXsave(image);
  },
};
export default hooks;
