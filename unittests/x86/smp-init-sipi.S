/*
 * feature: KVM_GET_MP_STATE / KVM_SET_MP_STATE - the BSP wakes the AP with INIT and SIPI through its LAPIC; the AP starts at the SIPI vector in real mode
 * groups:  smp irqchip
 * mode:    protected
 * vcpus:   2
 * irqchip: yes
 * requires: KVM_CAP_IRQCHIP KVM_CAP_MP_STATE
 * timeout: 3
 * # With an in-kernel irqchip the AP (vCPU 1) is created waiting for INIT. smp-init-sipi.host.ts
 * # checks KVM_GET_MP_STATE before the run (vCPU 0 runnable, vCPU 1 uninitialized; a
 * # KVM_SET_MP_STATE of uninitialized reads back). The BSP sends INIT, then SIPI vector 0x02, to
 * # APIC ID 1. The AP starts in real mode at 0x2000 (CS 0x0200, IP 0), enters protected mode
 * # with the host's GDT, reads its APIC ID from 0xfee00020, stores it, sets a flag and halts with
 * # interrupts off. The BSP waits for the flag and reports. After the run the host checks the
 * # AP is halted (KVM_MP_STATE_HALTED), then sets it runnable and reads that back.
 * expect:  mem 0x3000 u32=1
 * expect:  mem 0x3004 u32=1
 * expect:  regs vcpu=1 rax=1
 * expect:  sregs vcpu=1 cr0=0x1/0x1 cs.selector=0x8
 */
	.include "testdev.inc"
	.set	AP_STARTED, 0x3000
	.set	AP_APIC_ID, 0x3004
	.set	APIC, 0xfee00000
	.set	ICR, APIC + 0x300
	.set	ICR2, APIC + 0x310

	/* the BSP, in protected mode */
	movl	$0x1ff, APIC + 0xf0		/* SVR: software-enable the LAPIC */
	movl	$1 << 24, ICR2			/* destination: APIC ID 1 */
	movl	$0x00004500, ICR		/* INIT, assert, physical */
	call	icr_idle
	movl	$1 << 24, ICR2
	movl	$0x00004602, ICR		/* SIPI, vector 0x02: start at 0x2000 */
	call	icr_idle
1:	pause
	cmpl	$0, AP_STARTED
	je	1b
	exit_status 0

icr_idle:
	testl	$1 << 12, ICR			/* delivery status: send pending */
	jnz	icr_idle
	ret

	/* the AP: SIPI vector 0x02 starts it at 0x2000 in real mode, CS base 0x2000, IP 0 */
	.org	0x1000
	.code16
ap_start:
	cli
	xor	%ax, %ax
	mov	%ax, %ds
	lgdtl	gdt_pointer
	mov	%cr0, %eax
	or	$1, %eax
	mov	%eax, %cr0
	ljmpl	$0x08, $ap32
gdt_pointer:
	.word	0x3f				/* the host's GDT: 0x08 code32, 0x10 data */
	.long	0xe0000
	.code32
ap32:
	mov	$0x10, %ax
	mov	%ax, %ds
	mov	%ax, %es
	mov	%ax, %ss
	mov	APIC + 0x20, %eax		/* APIC ID register: ID in bits 31:24 */
	shr	$24, %eax
	mov	%eax, AP_APIC_ID
	movl	$1, AP_STARTED
2:	hlt
	jmp	2b
