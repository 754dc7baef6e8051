/*
 * feature: KVM_SET_FPU / KVM_GET_FPU of the x87 registers - st(0) set by the host is what the guest stores, and
 *            the x87 stack the guest emptied again reads back empty
 * groups:  vcpu fpu
 * mode:    long
 * # fpu-state-x87.host.ts: checkpoint 1, KVM_SET_FPU st(0) = 3.0 (80-bit extended); after the run, KVM_GET_FPU
 * # shows the x87 stack empty again (ftwx 0). The guest puts x87 state in use before the host sets it:
 * # KVM_SET_FPU writes only the legacy FXSAVE area, and while a component's XSTATE_BV bit is clear (its init
 * # state) an XRSTOR of the guest state would load the init state instead.
 * expect:  final hlt
 * expect:  mem 0x3000 00000000000000c00040
 */
	.include "testdev.inc"
	fld1				/* x87 state in use: st(0) = 1.0 */
	checkpoint 1			/* the host sets st(0) */
	fstpt	0x3000			/* st(0), 10 bytes, then pop */
	hlt
