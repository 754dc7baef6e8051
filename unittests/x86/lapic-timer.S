/*
 * feature: KVM_CREATE_IRQCHIP - the in-kernel LAPIC's one-shot timer fires once and runs the guest's handler
 * groups:  irqchip clock
 * mode:    long
 * irqchip: yes
 * requires: KVM_CAP_IRQCHIP
 * timeout: 3
 * # LVT timer: vector 0x40, one-shot, unmasked; divide by 1; initial count 100000 (KVM's APIC bus
 * # runs at 1 GHz, so about 100 us). The handler counts and EOIs. Afterwards the current count
 * # reads 0 and, after a further wait with interrupts enabled, no second interrupt has arrived.
 * # (The in-service register and EOI semantics are irqchip-ioapic's subject.)
 * exits:   exact
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 * expect:  mem 0x3000 u32=1
 * expect:  mem 0x3004 u32=0
 */
	.include "testdev.inc"
	.include "irq.inc"
	.set	COUNT, 0x3000
	.set	CURRENT_COUNT, 0x3004

	handle_interrupts 0x40, handler
	apic_write APIC_TDCR, 0xb		/* divide by 1 */
	apic_write APIC_LVTT, 0x40		/* one-shot, vector 0x40 */
	apic_write APIC_TMICT, 100000		/* starts the count-down */
	wait_nonzero COUNT
	apic_read APIC_TMCCT
	mov	%eax, CURRENT_COUNT
	/* a one-shot timer does not fire again: wait with IF set, then count again */
	settle_then_pass

handler:
	push	%rax
	push	%rdx
	incl	COUNT
	lapic_eoi
	pop	%rdx
	pop	%rax
	iretq
