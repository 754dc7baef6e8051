/*
 * feature: KVM_CAP_TSC_DEADLINE_TIMER - with CPUID 1.ECX[24] given to the guest, the in-kernel LAPIC's timer in
 *            TSC-deadline mode (LVTT mode 2) fires once when the TSC passes IA32_TSC_DEADLINE, which then reads 0
 * groups:  irqchip clock
 * requires: KVM_CAP_TSC_DEADLINE_TIMER KVM_CAP_IRQCHIP
 * mode:    long
 * irqchip: yes
 * timeout: 5
 * # KVM_GET_SUPPORTED_CPUID leaves the TSC-deadline bit clear, since it depends on the in-kernel LAPIC (api.rst:
 * # userspace sets it when KVM_CAP_TSC_DEADLINE_TIMER is present): tsc-deadline-timer.host.ts sets it before
 * # the run. The guest reads LVTT back (0x40040: mode 2 is only writable with the bit), arms the deadline
 * # 100000 TSC cycles ahead, and waits for its handler; after the interrupt IA32_TSC_DEADLINE (0x6e0) reads 0,
 * # and a further wait with interrupts enabled brings no second one.
 * exits:   exact
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 * expect:  mem 0x3000 u32=1
 * expect:  mem 0x3004 u32=0x40040
 * expect:  mem 0x3008 u64=0
 */
	.include "testdev.inc"
	.include "irq.inc"
	.set	COUNT, 0x3000
	.set	LVTT, 0x3004
	.set	DEADLINE, 0x3008

	handle_interrupts 0x40, handler
	apic_write APIC_LVTT, 0x40040		/* TSC-deadline mode, vector 0x40 */
	apic_read APIC_LVTT
	mov	%eax, LVTT
	rdtsc
	add	$100000, %eax
	adc	$0, %edx
	mov	$0x6e0, %ecx			/* IA32_TSC_DEADLINE */
	wrmsr
	wait_nonzero COUNT
	mov	$0x6e0, %ecx
	rdmsr
	mov	%eax, DEADLINE
	mov	%edx, DEADLINE + 4
	settle_then_pass

handler:
	count_and_eoi_handler COUNT
