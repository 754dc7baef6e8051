/*
 * feature: KVM_CAP_XSAVE2 - KVM_GET_XSAVE2 fills the buffer size that KVM_CHECK_EXTENSION(KVM_CAP_XSAVE2) on the VM
 *            gives (at least the 4096 bytes of struct kvm_xsave); its legacy region and XSAVE header match
 *            KVM_GET_XSAVE's, and XMM0 holds the guest's value
 * groups:  vcpu fpu xsave
 * requires: KVM_CAP_XSAVE2 KVM_CAP_XSAVE
 * mode:    long
 * timeout: 5
 * # The guest loads a pattern into XMM0 and stops at checkpoint 1, where xsave2.host.ts reads both images.
 * # The legacy (FXSAVE) region is the first 512 bytes, XMM0 at offset 160; the XSAVE header follows at 512.
 * # The size must also fit the state KVM_GET_SUPPORTED_CPUID leaf 0xD.0 says the supported features need
 * # (ECX) when that is larger than 4096.
 * expect:  final hlt
 */
	.include "testdev.inc"
	movdqu	pattern, %xmm0
	checkpoint 1			/* the host reads KVM_GET_XSAVE2 and KVM_GET_XSAVE */
	hlt
	.balign	16
pattern:
	.quad	0x0706050403020100, 0x8f8e8d8c8b8a8988
