/*
 * feature: KVM_CAP_IOAPIC_POLARITY_IGNORED - KVM_IRQ_LINE's level is logical: on an IOAPIC pin the guest
 *            programs active-low, level 0 delivers nothing and level 1 delivers the interrupt
 * groups:  irqchip
 * mode:    long
 * irqchip: yes
 * requires: KVM_CAP_IRQCHIP KVM_CAP_IOAPIC_POLARITY_IGNORED
 * timeout: 3
 * # Redirection entry 18: vector 0x50, level-triggered, active low (bit 13), unmasked. Were the polarity
 * # applied to KVM_IRQ_LINE, level 0 would assert the pin and level 1 deassert it: the guest first waits
 * # with the line at 0 (no interrupt may come), then the host raises it to 1 (exactly one must). The
 * # handler reads the entry (remote IRR and the active-low bit both set) and has the host lower the line
 * # before its EOI, so none follows.
 * on:      checkpoint 1 => irq-line 18 0
 * on:      checkpoint 2 => irq-line 18 1
 * on:      checkpoint 3 => irq-line 18 0
 * exits:   exact
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 * expect:  mem 0x3000 u32=1
 * expect:  mem 0x3004 u32=0
 * expect:  mem 0x3008 u32=0xe050
 */
	.include "testdev.inc"
	.include "irq.inc"
	.set	COUNT, 0x3000
	.set	COUNT_AT_LEVEL_0, 0x3004
	.set	REDIR_IN_HANDLER, 0x3008
	.set	REDIR18, 0x10 + 2 * 18

	handle_interrupts 0x50, handler
	ioapic_route 18, 0x0000a050		/* level, active low, vector 0x50, unmasked */
	checkpoint 1				/* the host sets GSI 18 to level 0 */
	sti
	settle					/* an interrupt here would mean level 0 asserted the pin */
	cli
	mov	COUNT, %eax
	mov	%eax, COUNT_AT_LEVEL_0
	checkpoint 2				/* the host sets GSI 18 to level 1 */
	wait_nonzero COUNT
	settle_then_pass

handler:
	push	%rax
	push	%rdx
	incl	COUNT
	ioapic_read REDIR18
	mov	%eax, REDIR_IN_HANDLER
	checkpoint 3				/* the host lowers GSI 18 */
	lapic_eoi
	pop	%rdx
	pop	%rax
	iretq
