/*
 * feature: KVM_CAP_VAPIC with KVM_SET_VAPIC_ADDR - KVM takes the TPR from the guest's vAPIC word after each exit
 *            and writes back TPR, in-service class and highest pending vector before entries that evaluate
 *            interrupts: a TPR of 0x70 set there holds off vector 0x61 (pending: 0x61000070), a TPR of 0 lets
 *            it in (in service: 0x6000), and the EOI clears it
 * groups:  irqchip interrupts
 * requires: KVM_CAP_VAPIC KVM_CAP_IRQCHIP KVM_CAP_SIGNAL_MSI
 * mode:    long
 * irqchip: yes
 * timeout: 5
 * # The host file sets the vAPIC address to 0x3800 before the run. The word's layout (lapic.c,
 * # kvm_lapic_sync_to_vapic): bits 7:0 TPR, 15:12 the highest in-service vector's class, 31:24 the highest
 * # requested vector. The guest writes only the TPR byte, as a guest patched to use the vAPIC does, and its
 * # checkpoints are the exits after which KVM reads it. Vector 0x61's class (6) is below the TPR's (7), so
 * # the first MSI waits in IRR with interrupts enabled; lowering the TPR in the word delivers it.
 * on:      checkpoint 1 => signal-msi 0xfee00000 0x61
 * exits:   exact
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 * expect:  mem 0x3000 u32=1
 * expect:  mem 0x3004 u32=0x61000070
 * expect:  mem 0x3008 u32=0
 * expect:  mem 0x300c u32=0x00006000
 * expect:  mem 0x3010 u32=0
 */
	.include "testdev.inc"
	.include "irq.inc"
	.set	VAPIC, 0x3800
	.set	COUNT, 0x3000
	.set	VAPIC_BLOCKED, 0x3004
	.set	COUNT_BLOCKED, 0x3008
	.set	VAPIC_IN_HANDLER, 0x300c
	.set	VAPIC_AFTER_EOI, 0x3010

	handle_interrupts 0x61, handler
	movb	$0x70, VAPIC			/* TPR 0x70: class 7 holds off vector 0x61 */
	sti
	checkpoint 1				/* KVM reads the TPR at this exit; the host signals vector 0x61 */
	settle					/* interrupts on: only the TPR holds the MSI off */
	cli
	mov	VAPIC, %eax
	mov	%eax, VAPIC_BLOCKED
	mov	COUNT, %eax
	mov	%eax, COUNT_BLOCKED
	movb	$0, VAPIC			/* TPR 0 */
	checkpoint 2				/* KVM reads it at this exit */
	wait_nonzero COUNT
	mov	VAPIC, %eax
	mov	%eax, VAPIC_AFTER_EOI
	exit_status 0

handler:
	push	%rax
	push	%rdx
	incl	COUNT
	mov	VAPIC, %eax
	mov	%eax, VAPIC_IN_HANDLER
	lapic_eoi
	pop	%rdx
	pop	%rax
	iretq
