/*
 * feature: KVM_CAP_SPLIT_IRQCHIP - with the IOAPIC left to userspace (24 pins reserved), the guest's EOI of a
 *            level-triggered interrupt from the MSI route of a reserved pin exits KVM_EXIT_IOAPIC_EOI with its
 *            vector; the same EOI for a level-triggered route past the reserved pins does not exit
 * groups:  irqchip interrupts exits
 * requires: KVM_CAP_SPLIT_IRQCHIP KVM_CAP_IRQ_ROUTING
 * mode:    long
 * timeout: 5
 * # KVM_ENABLE_CAP(KVM_CAP_SPLIT_IRQCHIP, 24) instead of KVM_CREATE_IRQCHIP: the LAPIC stays in the kernel,
 * # there is no in-kernel PIC or IOAPIC. The host file routes GSI 5 (a reserved pin) to a level-triggered
 * # MSI with vector 0x61 and GSI 30 (past them) to one with vector 0x62, both to APIC ID 0. The host raises
 * # GSI 30 first: its handler's EOI must not exit; then GSI 5: its EOI exits with vector 0x61.
 * enable-cap: KVM_CAP_SPLIT_IRQCHIP 24
 * on:      checkpoint 1 => irq-line 30 1
 * on:      checkpoint 2 => irq-line 5 1
 * on:      exit ioapic_eoi => continue
 * exits:   exact
 * expect:  exit ioapic_eoi vector=0x61
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 * expect:  mem 0x3000 u32=1
 * expect:  mem 0x3004 u32=1
 */
	.include "testdev.inc"
	.include "irq.inc"
	.set	COUNT_PAST, 0x3000		/* vector 0x62, from GSI 30 */
	.set	COUNT_PIN, 0x3004		/* vector 0x61, from GSI 5 */

	handle_interrupts 0x61, pin_handler
	idt64_gate 0x62, past_handler
	checkpoint 1				/* the host raises GSI 30 */
	wait_nonzero COUNT_PAST
	checkpoint 2				/* the host raises GSI 5 */
	wait_nonzero COUNT_PIN
	settle_then_pass

past_handler:
	count_and_eoi_handler COUNT_PAST

pin_handler:
	count_and_eoi_handler COUNT_PIN		/* the EOI exits to the host */
