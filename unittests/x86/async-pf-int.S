/*
 * feature: KVM_CAP_ASYNC_PF_INT - MSR_KVM_ASYNC_PF_INT holds the 'page ready' vector (bits 63:8 reserved:
 *            #GP(0)); once MSR_KVM_ASYNC_PF_EN enables interrupt delivery, KVM's wake-up-all notification
 *            arrives as that vector, once, with token 0xffffffff in the area; MSR_KVM_ASYNC_PF_ACK reads 0
 * groups:  vcpu msr pv irqchip interrupts
 * requires: KVM_CAP_ASYNC_PF_INT
 * mode:    long
 * irqchip: yes
 * timeout: 5
 * # Enabling asynchronous page faults (bits 0 and 3 of MSR_KVM_ASYNC_PF_EN) queues a broadcast 'page ready'
 * # (kvm_async_pf_wakeup_all): at the next entry, with the LAPIC software-enabled and the token slot
 * # (offset 4 of the area at 0x5000) zero, KVM writes the token and raises the MSR_KVM_ASYNC_PF_INT vector
 * # (0xec) as a fixed interrupt. The handler counts at 0x3020, keeps the token at 0x3024, clears the slot,
 * # writes 1 to MSR_KVM_ASYNC_PF_ACK and EOIs. The #GP handler counts at 0x3000 and skips the WRMSR.
 * # RDMSR results: 0x3008 INT after the refused write, 0x3010 INT after 0xec, 0x3018 ACK.
 * expect:  status 0
 * expect:  mem 0x3000 u32=1
 * expect:  mem 0x3008 u64=0
 * expect:  mem 0x3010 u64=0xec
 * expect:  mem 0x3018 u64=0
 * expect:  mem 0x3020 u32=1
 * expect:  mem 0x3024 u32=0xffffffff
 * expect:  mem 0x5004 u32=0
 */
	.include "testdev.inc"
	.include "irq.inc"
	.set	MSR_KVM_ASYNC_PF_EN, 0x4b564d02
	.set	MSR_KVM_ASYNC_PF_INT, 0x4b564d06
	.set	MSR_KVM_ASYNC_PF_ACK, 0x4b564d07
	.set	APF, 0x5000
	.set	APF_TOKEN, APF + 4
	.set	VECTOR, 0xec

	handle_interrupts VECTOR, page_ready
	idt64_gate 13, gp_handler
	mov	$MSR_KVM_ASYNC_PF_INT, %ecx
	xor	%edx, %edx
	mov	$0x100 | VECTOR, %eax		/* bit 8: reserved */
	wrmsr					/* #GP(0) */
	rdmsr
	mov	%eax, 0x3008
	mov	%edx, 0x300c
	mov	$VECTOR, %eax
	xor	%edx, %edx
	wrmsr
	rdmsr
	mov	%eax, 0x3010
	mov	%edx, 0x3014

	mov	$MSR_KVM_ASYNC_PF_EN, %ecx
	mov	$APF | 9, %eax			/* enabled, 'page ready' as an interrupt */
	xor	%edx, %edx
	wrmsr
	sti
	settle
	cli
	mov	$MSR_KVM_ASYNC_PF_ACK, %ecx
	rdmsr
	mov	%eax, 0x3018
	mov	%edx, 0x301c
	exit_status 0

page_ready:
	push	%rax
	push	%rcx
	push	%rdx
	incl	0x3020
	mov	APF_TOKEN, %eax
	mov	%eax, 0x3024
	movl	$0, APF_TOKEN			/* the slot is free again */
	mov	$MSR_KVM_ASYNC_PF_ACK, %ecx
	mov	$1, %eax
	xor	%edx, %edx
	wrmsr					/* KVM looks for the next notification */
	lapic_eoi
	pop	%rdx
	pop	%rcx
	pop	%rax
	iretq

gp_handler:
	incl	0x3000
	addq	$2, 8(%rsp)			/* the RIP above the error code: past the WRMSR */
	add	$8, %rsp			/* drop the error code */
	iretq
