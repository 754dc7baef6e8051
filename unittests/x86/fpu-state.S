/*
 * feature: KVM_SET_FPU / KVM_GET_FPU - xmm0 and st(0) set by the host are what the guest stores, and the
 *            value the guest loads into xmm1 is what the host reads back
 * groups:  vcpu fpu
 * mode:    long
 * # fpu-state.host.ts: checkpoint 1, KVM_SET_FPU xmm0 = bytes 00..0f; checkpoint 2, KVM_GET_FPU xmm1 must be
 * # bytes f0..ff; checkpoint 3, KVM_SET_FPU st(0) = 3.0 (80-bit extended); after the run, KVM_GET_FPU shows the
 * # x87 stack empty again. The guest puts SSE and x87 state in use before the host sets it: KVM_SET_FPU writes
 * # only the legacy FXSAVE area, and while a component's XSTATE_BV bit is clear (its init state) an XRSTOR of
 * # the guest state would load the init state instead.
 * expect:  final hlt
 * expect:  mem 0x3000 00000000000000c00040
 * expect:  mem 0x3010 000102030405060708090a0b0c0d0e0f
 */
	.include "testdev.inc"
	movdqu	ones, %xmm0		/* SSE state in use */
	checkpoint 1			/* the host sets xmm0 */
	movdqu	%xmm0, 0x3010
	movdqu	pattern, %xmm1
	checkpoint 2			/* the host reads xmm1 */
	fld1				/* x87 state in use: st(0) = 1.0 */
	checkpoint 3			/* the host sets st(0) */
	fstpt	0x3000			/* st(0), 10 bytes, then pop */
	hlt
	.balign	16
ones:
	.fill	16, 1, 0x11
pattern:
	.byte	0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff
