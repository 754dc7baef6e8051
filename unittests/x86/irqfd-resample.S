/*
 * feature: KVM_CAP_IRQFD_RESAMPLE - KVM_IRQFD with KVM_IRQFD_FLAG_RESAMPLE asserts a level-triggered GSI until the
 *            guest's EOI, which deasserts it and signals the resamplefd once; no second interrupt follows
 * groups:  eventfd irqchip
 * mode:    long
 * irqchip: yes
 * requires: KVM_CAP_IRQCHIP KVM_CAP_IRQFD KVM_CAP_IRQFD_RESAMPLE
 * timeout: 3
 * # irqfd-resample.host.ts binds an eventfd to GSI 20 with a resamplefd before the run. The guest routes
 * # IOAPIC pin 20 to vector 0x60, level-triggered. At checkpoint 1 the host checks the resamplefd is still
 * # 0 and writes 1 to the irqfd; the guest waits for its handler, which EOIs, then waits with interrupts
 * # enabled: the line was deasserted at the EOI, so the handler runs only once. At checkpoint 2 the host
 * # reads the resamplefd: 1.
 * exits:   exact
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 * expect:  mem 0x3000 u32=1
 */
	.include "testdev.inc"
	.include "irq.inc"
	.set	COUNT, 0x3000

	handle_interrupts 0x60, handler
	ioapic_route 20, 0x00008060		/* level, active high, vector 0x60, unmasked */
	checkpoint 1				/* the host signals the irqfd */
	wait_nonzero COUNT
	sti
	settle					/* a line left asserted would interrupt again here */
	cli
	checkpoint 2				/* the host reads the resamplefd */
	exit_status 0

handler:
	count_and_eoi_handler COUNT
