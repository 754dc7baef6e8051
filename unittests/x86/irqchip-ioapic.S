/*
 * feature: KVM_IRQ_LINE - an in-kernel IOAPIC pin, routed by the guest's redirection entry, interrupts the LAPIC; the guest's EOI clears remote IRR
 * groups:  irqchip
 * mode:    long
 * irqchip: yes
 * requires: KVM_CAP_IRQCHIP
 * timeout: 3
 * # GSI 18 is an IOAPIC-only pin (GSIs 0-15 also drive the PIC). Redirection entry 18: vector 0x50,
 * # fixed, physical destination APIC 0, level-triggered, active high, unmasked. With the line still
 * # high the handler reads the entry (remote IRR, bit 14, set) and the LAPIC's in-service register
 * # for vectors 64-95 (vector 0x50 = bit 16); it has the host lower the line, sends the EOI, and
 * # reads the entry again: remote IRR clear, and no second interrupt.
 * on:      checkpoint 1 => irq-line 18 1
 * on:      checkpoint 2 => irq-line 18 0
 * exits:   exact
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 * expect:  mem 0x3000 u32=1
 * expect:  mem 0x3004 u32=0xc050
 * expect:  mem 0x3008 u32=0x00010000
 * expect:  mem 0x300c u32=0x8050
 */
	.include "testdev.inc"
	.include "irq.inc"
	.set	COUNT, 0x3000
	.set	REDIR_IN_HANDLER, 0x3004
	.set	ISR_IN_HANDLER, 0x3008
	.set	REDIR_AFTER_EOI, 0x300c
	.set	REDIR18, 0x10 + 2 * 18

	handle_interrupts 0x50, handler
	ioapic_route 18, 0x00008050		/* level, vector 0x50, unmasked */
	checkpoint 1				/* the host raises GSI 18 */
	wait_nonzero COUNT
	/* the line is low and the EOI was sent: nothing more may arrive */
	settle_then_pass

handler:
	push	%rax
	push	%rdx
	incl	COUNT
	ioapic_read REDIR18
	mov	%eax, REDIR_IN_HANDLER
	apic_read APIC_ISR + 0x20
	mov	%eax, ISR_IN_HANDLER
	checkpoint 2				/* the host lowers GSI 18 */
	lapic_eoi
	ioapic_read REDIR18
	mov	%eax, REDIR_AFTER_EOI
	pop	%rdx
	pop	%rax
	iretq
