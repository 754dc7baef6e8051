/*
 * feature: KVM_CAP_IRQ_INJECT_STATUS - KVM_IRQ_LINE_STATUS reports what became of an interrupt: negative for an
 *            IOAPIC pin still masked, 1 (one local APIC) once the guest unmasks it, 0 when raised again while
 *            the edge is still pending (coalesced); the guest takes that interrupt once
 * groups:  irqchip interrupts
 * mode:    long
 * irqchip: yes
 * requires: KVM_CAP_IRQ_INJECT_STATUS KVM_CAP_IRQCHIP
 * timeout: 3
 * # GSI 16 reaches only IOAPIC pin 16 (no PIC input), so its status is the IOAPIC's alone. Checkpoint 1, pin
 * # masked as at reset: raise is negative, then the line is lowered. The guest routes pin 16 edge-triggered to
 * # vector 0x50 on APIC 0. Checkpoint 2, IF clear: raise is 1, raise again without lowering is 0, then lower.
 * # irq-line-status.host.ts checks the statuses; the guest then counts its interrupts with IF set.
 * expect:  mem 0x3000 u32=1
 */
	.include "testdev.inc"
	.include "irq.inc"
	.set	COUNT, 0x3000

	handle_interrupts 0x50, handler
	checkpoint 1			/* pin 16 masked */
	ioapic_route 16, 0x50		/* edge, active high, fixed, unmasked */
	checkpoint 2			/* raised, raised again, lowered */
	wait_nonzero COUNT
	settle_then_pass		/* a coalesced raise must not bring a second interrupt */

handler:
	count_and_eoi_handler COUNT
