/*
 * feature: KVM_IRQFD - a host write to an eventfd bound to a GSI injects it, and the guest's handler runs; after KVM_IRQFD_FLAG_DEASSIGN a write injects nothing
 * groups:  eventfd irqchip
 * mode:    long
 * irqchip: yes
 * requires: KVM_CAP_IRQCHIP KVM_CAP_IRQFD
 * timeout: 3
 * # irqfd.host.ts binds an eventfd to GSI 20 before the run. The guest routes IOAPIC pin 20 to
 * # vector 0x60 (edge, physical, APIC 0). At checkpoint 1 the host writes 1 to the eventfd and the
 * # guest waits in sti; hlt until the handler has run. At checkpoint 2 the host deassigns the
 * # irqfd and writes again: the guest waits with interrupts enabled and no second interrupt comes.
 * exits:   exact
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 * expect:  mem 0x3000 u32=1
 */
	.include "testdev.inc"
	.include "irq.inc"
	.set	COUNT, 0x3000

	handle_interrupts 0x60, handler
	ioapic_route 20, 0x00000060		/* edge, vector 0x60, unmasked */
	checkpoint 1				/* the host signals the eventfd */
	wait_nonzero COUNT
	checkpoint 2				/* the host deassigns it and signals again */
	settle_then_pass

handler:
	count_and_eoi_handler COUNT
