/*
 * feature: KVM_CREATE_IRQCHIP - a fixed IPI that vCPU 0 sends through its LAPIC's ICR runs vCPU 1's handler
 * groups:  smp irqchip
 * mode:    long
 * vcpus:   2
 * irqchip: yes
 * requires: KVM_CAP_IRQCHIP KVM_CAP_MP_STATE
 * timeout: 3
 * # smp-ipi.host.ts makes vCPU 1 runnable (KVM_SET_MP_STATE) so both vCPUs start at the entry in
 * # long mode; each reads its APIC ID to pick its part. vCPU 1 takes its own stack, says it is
 * # ready and waits in sti; hlt. vCPU 0 installs the gate for vector 0x70, waits for vCPU 1, sends
 * # a fixed IPI (vector 0x70, physical destination APIC ID 1) and waits for the handler, which
 * # records the APIC ID of the CPU it runs on and counts.
 * expect:  mem 0x3000 u32=1
 * expect:  mem 0x3004 u32=1
 * expect:  mem 0x3008 u32=1
 */
	.include "testdev.inc"
	.include "irq.inc"
	.set	AP_READY, 0x3000
	.set	HANDLED, 0x3004
	.set	HANDLER_APIC_ID, 0x3008

	cli
	apic_read APIC_ID
	shr	$24, %eax
	jnz	ap

	/* vCPU 0 */
	idt64_gate 0x70, handler
	lapic_enable
1:	pause
	cmpl	$0, AP_READY
	je	1b
	apic_write APIC_ICR2, 1 << 24		/* destination: APIC ID 1 */
	apic_write APIC_ICR, 0x00004070		/* fixed, assert, physical, vector 0x70 */
2:	pause
	cmpl	$0, HANDLED
	je	2b
	exit_status 0

ap:	/* vCPU 1 */
	mov	$0x7000, %rsp
	lapic_enable
	movl	$1, AP_READY
	wait_nonzero HANDLED
3:	hlt
	jmp	3b

handler:
	push	%rax
	push	%rdx
	apic_read APIC_ID
	shr	$24, %eax
	mov	%eax, HANDLER_APIC_ID
	lock incl HANDLED
	lapic_eoi
	pop	%rdx
	pop	%rax
	iretq
