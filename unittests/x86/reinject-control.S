/*
 * feature: KVM_CAP_REINJECT_CONTROL - with PIT reinjection on (a new PIT's default) the ticks of channel 0 that
 *            the guest could not take while stopped are delivered afterwards, one per EOI, even with the timer
 *            stopped; after KVM_REINJECT_CONTROL turns it off, the same pause leaves a single interrupt;
 *            KVM_REINJECT_CONTROL is ENXIO on a VM without a PIT
 * groups:  irqchip clock
 * mode:    real
 * irqchip: yes
 * requires: KVM_CAP_REINJECT_CONTROL KVM_CAP_IRQCHIP
 * timeout: 10
 * # reinject-control.host.ts creates the PIT. The guest unmasks IRQ 0 at the 8259 and programs channel 0 as a
 * # 1 ms rate generator, IF clear. At each checkpoint the host holds the vCPU for 100 ms (about 100 ticks), then
 * # stops channel 0 by giving IRQ 0 to the HPET (KVM_PIT_FLAGS_HPET_LEGACY through KVM_SET_PIT2, set-up here:
 * # pit-state2 asserts it), so no tick comes after.
 * # Checkpoint 1, reinjection on: the guest takes interrupts in sti; hlt until at least five have arrived (the
 * # backlog comes back to back, each after the last one's EOI; without it this would hang until the timeout),
 * # and keeps the count at 0x3002 for the host file, which wants at least 5. Checkpoint 2: the host restarts
 * # the timer (flags 0), turns reinjection off and pauses again; the guest counts what arrives over 10000
 * # pauses (about 11 ms): one, the edge the 8259 kept.
 * expect:  mem 0x3004 u16=1
 */
	.include "testdev.inc"
	.include "pic.inc"
	.set	COUNT, 0x3000

	cli
	ivt_set	0x20, handler			/* vector 0x20 = IRQ 0 */
	pic_master_init 0x20, 0xfe		/* vectors 0x20-0x27, only IRQ 0 unmasked */
	pit_rate_generator 1193			/* about 1 ms */

	checkpoint 1				/* 100 ms of ticks not taken, then the timer stops */
1:	cmpw	$5, COUNT
	jae	2f
	sti
	hlt
	cli
	jmp	1b
2:	mov	COUNT, %ax
	mov	%ax, 0x3002
	movw	$0, COUNT

	checkpoint 2				/* reinjection off; the same again */
	sti
	mov	$10000, %cx
3:	pause
	loop	3b
	cli
	mov	COUNT, %ax
	mov	%ax, 0x3004
	exit_status 0

handler:
	push	%ax
	incw	COUNT
	pic_master_eoi				/* the PIT's ack */
	pop	%ax
	iret
