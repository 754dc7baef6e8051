/*
 * feature: KVM_SET_FPU / KVM_GET_FPU of the SSE registers - xmm0 set by the host is what the guest stores, and
 *            the value the guest loads into xmm1 is what the host reads back
 * groups:  vcpu fpu
 * mode:    long
 * # fpu-state-sse.host.ts: checkpoint 1, KVM_SET_FPU xmm0 = bytes 00..0f; checkpoint 2, KVM_GET_FPU xmm1 must
 * # be bytes f0..ff. The guest puts SSE state in use before the host sets it: KVM_SET_FPU writes only the
 * # legacy FXSAVE area, and while a component's XSTATE_BV bit is clear (its init state) an XRSTOR of the guest
 * # state would load the init state instead.
 * expect:  final hlt
 * expect:  mem 0x3010 000102030405060708090a0b0c0d0e0f
 */
	.include "testdev.inc"
	movdqu	ones, %xmm0		/* SSE state in use */
	checkpoint 1			/* the host sets xmm0 */
	movdqu	%xmm0, 0x3010
	movdqu	pattern, %xmm1
	checkpoint 2			/* the host reads xmm1 */
	hlt
	.balign	16
ones:
	.fill	16, 1, 0x11
pattern:
	.byte	0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff
