/*
 * feature: KVM_CREATE_IRQCHIP - the in-kernel LAPIC timer's vector is in service in its handler and the EOI retires it
 * groups:  irqchip clock
 * mode:    long
 * irqchip: yes
 * requires: KVM_CAP_IRQCHIP
 * timeout: 3
 * # The LAPIC timer set-up of lapic-timer (vector 0x40, one-shot). In the handler the guest reads the
 * # in-service register that holds vector 0x40 (ISR bits 64-95, offset 0x120) before and after its EOI:
 * # bit 0 (vector 0x40) is set before, and the register is clear after.
 * expect:  status 0
 * expect:  mem 0x3000 u32=1
 * expect:  mem 0x3008 u32=1
 * expect:  mem 0x300c u32=0
 */
	.include "testdev.inc"
	.include "irq.inc"
	.set	COUNT, 0x3000
	.set	ISR_IN_HANDLER, 0x3008
	.set	ISR_AFTER_EOI, 0x300c
	.set	APIC_ISR_64_95, 0x120

	handle_interrupts 0x40, handler
	apic_write APIC_TDCR, 0xb		/* divide by 1 */
	apic_write APIC_LVTT, 0x40		/* one-shot, vector 0x40 */
	apic_write APIC_TMICT, 100000		/* starts the count-down */
	wait_nonzero COUNT
	exit_status 0

handler:
	push	%rax
	push	%rdx
	apic_read APIC_ISR_64_95
	mov	%eax, ISR_IN_HANDLER
	lapic_eoi
	apic_read APIC_ISR_64_95
	mov	%eax, ISR_AFTER_EOI
	incl	COUNT
	pop	%rdx
	pop	%rax
	iretq
