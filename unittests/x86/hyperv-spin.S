/*
 * feature: KVM_CAP_HYPERV_SPIN - the Hyper-V HvCallNotifyLongSpinWait hypercall (code 0x0008): a guest that spun
 *            too long tells KVM, which returns HV_STATUS_SUCCESS (0); the same call with a rep count, which it
 *            does not take, returns HV_STATUS_INVALID_HYPERCALL_INPUT (3)
 * groups:  hyperv hypercall
 * requires: KVM_CAP_HYPERV_SPIN
 * mode:    long
 * cpuid:   hyperv
 * timeout: 5
 * # A fast call (bit 16), the spin count in RDX, as Linux's hv_notify_long_spin_wait makes it; the second sets a
 * # rep count of 1 (bits 43:32). Results: R12, R13.
 * expect:  regs r12=0 r13=3
 */
	.include "testdev.inc"
	.include "hyperv.inc"
	hv_hypercall_page 0x3000
	mov	$0x1000, %edx			/* spin count */
	hv_call	0x3000, 0x10008
	mov	%rax, %r12
	mov	$0x1000, %edx
	hv_call	0x3000, 0x100010008
	mov	%rax, %r13
	hlt
