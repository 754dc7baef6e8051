/*
 * feature: KVM_CAP_IRQ_ROUTING - KVM_SET_GSI_ROUTING replaces the GSI table: GSI 30 routed to an MSI (vector 0x62) and
 *            GSI 31 to IOAPIC pin 5 deliver through KVM_IRQ_LINE, and GSI 20, routed to IOAPIC pin 20 by default
 *            but not in the new table, delivers nothing
 * groups:  irqchip interrupts
 * requires: KVM_CAP_IRQ_ROUTING KVM_CAP_IRQCHIP
 * mode:    long
 * irqchip: yes
 * timeout: 5
 * # gsi-routing.host.ts sets the table after KVM_CREATE_IRQCHIP: { GSI 30: MSI address 0xfee00000 data 0x62,
 * # GSI 31: irqchip IOAPIC pin 5 }. The guest points IOAPIC pin 5 at vector 0x63 and pin 20 at 0x64 (edge,
 * # APIC 0). Each handler counts; the host raises and lowers one GSI per checkpoint, and the guest waits for
 * # its handler (or, for GSI 20, waits with interrupts enabled and sees none).
 * on:      checkpoint 1 => irq-line 30 1; irq-line 30 0
 * on:      checkpoint 2 => irq-line 31 1; irq-line 31 0
 * on:      checkpoint 3 => irq-line 20 1; irq-line 20 0
 * exits:   exact
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 * expect:  mem 0x3000 u32=1
 * expect:  mem 0x3004 u32=1
 * expect:  mem 0x3008 u32=0
 */
	.include "testdev.inc"
	.include "irq.inc"
	.set	COUNT_MSI, 0x3000
	.set	COUNT_PIN5, 0x3004
	.set	COUNT_PIN20, 0x3008

	cli
	idt64_gate 0x62, msi_handler
	idt64_gate 0x63, pin5_handler
	idt64_gate 0x64, pin20_handler
	lapic_enable
	ioapic_route 5, 0x00000063		/* edge, vector 0x63, unmasked */
	ioapic_route 20, 0x00000064		/* edge, vector 0x64, unmasked */
	checkpoint 1			/* GSI 30: the MSI */
	wait_nonzero COUNT_MSI
	checkpoint 2			/* GSI 31: IOAPIC pin 5 */
	wait_nonzero COUNT_PIN5
	checkpoint 3			/* GSI 20: no route any more */
	settle_then_pass

	.macro	handler name, count
\name:
	push	%rdx
	incl	\count
	lapic_eoi
	pop	%rdx
	iretq
	.endm
	handler msi_handler, COUNT_MSI
	handler pin5_handler, COUNT_PIN5
	handler pin20_handler, COUNT_PIN20
