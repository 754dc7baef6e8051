/*
 * feature: KVM_CAP_HYPERV_SEND_IPI - the Hyper-V IPI hypercalls: HvCallSendSyntheticClusterIpi (0x000b, fast: vector
 *            in RDX, VP mask in R8) to VP 0, itself, delivers vector 0x40 once and returns HV_STATUS_SUCCESS;
 *            HvCallSendSyntheticClusterIpiEx (0x0015, input in memory) to the set of all VPs delivers 0x41 once;
 *            vector 0x0f (below 0x10) is HV_STATUS_INVALID_HYPERCALL_INPUT (3) and delivers nothing
 * groups:  hyperv hypercall irqchip interrupts
 * requires: KVM_CAP_HYPERV_SEND_IPI
 * mode:    long
 * irqchip: yes
 * cpuid:   hyperv
 * timeout: 5
 * # The calls are made with interrupts off, so the IPIs wait in the LAPIC; the handlers count at 0x3000 (0x40) and
 * # 0x3004 (0x41). The Ex input at 0x4000: vector, reserved, then the VP set: format HV_GENERIC_SET_ALL (1) and
 * # bank mask 0. Results: R12, R13, R14. A delivered 0x0f would reach the default stubs and end the run there.
 * expect:  regs r12=0 r13=0 r14=3
 * expect:  mem 0x3000 u32=1
 * expect:  mem 0x3004 u32=1
 */
	.include "testdev.inc"
	.include "irq.inc"
	.include "hyperv.inc"
	.set	COUNT40, 0x3000
	.set	COUNT41, 0x3004

	handle_interrupts 0x40, handler40
	idt64_gate 0x41, handler41
	hv_hypercall_page 0x2000
	mov	$0x40, %edx			/* vector */
	mov	$1, %r8d			/* VP mask: VP 0 */
	hv_call	0x2000, 0x1000b			/* fast */
	mov	%rax, %r12
	movq	$0x41, 0x4000			/* vector, reserved */
	movq	$1, 0x4008			/* HV_GENERIC_SET_ALL */
	movq	$0, 0x4010			/* valid bank mask */
	mov	$0x4000, %edx			/* input GPA */
	xor	%r8d, %r8d
	hv_call	0x2000, 0x0015
	mov	%rax, %r13
	mov	$0x0f, %edx
	mov	$1, %r8d
	hv_call	0x2000, 0x1000b
	mov	%rax, %r14
	wait_nonzero COUNT40
	wait_nonzero COUNT41
	settle_then_pass			/* no second delivery */

handler40:
	count_and_eoi_handler COUNT40
handler41:
	count_and_eoi_handler COUNT41
