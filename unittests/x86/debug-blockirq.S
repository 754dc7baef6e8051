/*
 * feature: KVM_CAP_SET_GUEST_DEBUG2 - its value lists the KVM_SET_GUEST_DEBUG flags KVM takes, KVM_GUESTDBG_BLOCKIRQ
 *            among them: single-stepping with BLOCKIRQ, an interrupt pending in the in-kernel LAPIC, with the
 *            guest's IF set, is not delivered at any step; once debugging is off it is, once
 * groups:  vcpu debug irqchip interrupts
 * requires: KVM_CAP_SET_GUEST_DEBUG2&0x100000 KVM_CAP_IRQCHIP
 * mode:    long
 * irqchip: yes
 * timeout: 5
 * # At checkpoint 1 (IF already 1) the host single-steps with BLOCKIRQ and sends the MSI of vector 0x61 to
 * # APIC ID 0. The next KVM_RUN completes the checkpoint's OUT and reports its step (debug exit #1); every
 * # instruction after it exits too. Without BLOCKIRQ the handler would run at the first entry. EBX takes
 * # the handler count while stepping (0); at checkpoint 2 the host turns debugging off, and ECX takes the
 * # count after it (1). The stepped instructions run natively: KVM drops its trace flag after an
 * # instruction its emulator executes (such as an xAPIC MMIO write), so none is used here.
 * on:      checkpoint 1 => debug singlestep blockirq; signal-msi 0xfee00000 0x61
 * on:      exit debug => continue
 * on:      checkpoint 2 => debug off
 * exits:   exact
 * expect:  exit debug exception=1 pc=0x104c
 * expect:  exit debug exception=1 pc=0x104d
 * expect:  exit debug exception=1 pc=0x104e
 * expect:  exit debug exception=1 pc=0x1055
 * expect:  exit debug exception=1 pc=0x105a
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 * expect:  regs rbx=0 rcx=1
 * expect:  mem 0x3000 u32=1
 */
	.include "testdev.inc"
	.include "irq.inc"
	.set	COUNT, 0x3000

	handle_interrupts 0x61, handler
	sti
	checkpoint 1			/* the host: single-step with BLOCKIRQ, then the MSI */
	nop
	nop
	mov	COUNT, %ebx		/* not delivered while stepping */
	checkpoint 2			/* the host: debugging off */
	mov	COUNT, %ecx		/* delivered right after the OUT */
	exit_status 0

handler:
	count_and_eoi_handler COUNT
