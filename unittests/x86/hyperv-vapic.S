/*
 * feature: KVM_CAP_HYPERV_VAPIC - the Hyper-V synthetic APIC MSRs reach the in-kernel LAPIC: HV_X64_MSR_TPR writes
 *            and reads the APIC's TPR, HV_X64_MSR_ICR sends a self-IPI whose handler runs, HV_X64_MSR_EOI clears its
 *            in-service bit; enabling HV_X64_MSR_VP_ASSIST_PAGE clears the page's first 32-bit word (apic_assist)
 *            and leaves the rest
 * groups:  hyperv msr irqchip interrupts
 * requires: KVM_CAP_HYPERV_VAPIC
 * mode:    long
 * irqchip: yes
 * cpuid:   hyperv
 * timeout: 5
 * # R8: the xAPIC TPR after the MSR wrote 0x20; R9: the MSR after the xAPIC TPR was set to 0x30. The ICR value is
 * # vector 0x40, fixed, destination shorthand self. The handler counts at 0x3000 and stores ISR bits 95:64 after
 * # its EOI through the MSR at 0x3004 (bit 0 is vector 0x40). The assist page at 0x5000 is filled with 0xff first.
 * expect:  regs r8=0x20 r9=0x30 r10=0x5001
 * expect:  mem 0x3000 u32=1
 * expect:  mem 0x3004 u32=0
 * expect:  mem 0x5000 00 00 00 00 ff ff ff ff
 */
	.include "testdev.inc"
	.include "irq.inc"
	.include "hyperv.inc"
	.set	COUNT, 0x3000
	.set	ISR_AFTER, 0x3004

	handle_interrupts 0x40, handler
	movl	$0xffffffff, ISR_AFTER
	wrmsr64	HV_X64_MSR_TPR, 0, 0x20
	apic_read APIC_TPR
	mov	%eax, %r8d
	apic_write APIC_TPR, 0x30
	rdmsr64	HV_X64_MSR_TPR, %r9
	apic_write APIC_TPR, 0
	wrmsr64	HV_X64_MSR_ICR, 0, 0x40040	/* self-IPI, vector 0x40 */
	wait_nonzero COUNT
	movq	$-1, 0x5000
	wrmsr64	HV_X64_MSR_VP_ASSIST_PAGE, 0, 0x5001
	rdmsr64	HV_X64_MSR_VP_ASSIST_PAGE, %r10
	exit_status 0			/* HLT would stay in the in-kernel LAPIC */

handler:
	push	%rax
	push	%rcx
	push	%rdx
	incl	COUNT
	wrmsr64	HV_X64_MSR_EOI, 0, 0
	apic_read APIC_ISR + 0x20
	mov	%eax, ISR_AFTER
	pop	%rdx
	pop	%rcx
	pop	%rax
	iretq
