/*
 * feature: KVM_CAP_ASYNC_PF - MSR_KVM_ASYNC_PF_EN: a write with reserved bit 4 or 5 set is #GP(0) and changes
 *            nothing; an accepted value (GPA | enable | send-always | deliver-as-#PF-vmexit) reads back as written,
 *            by the guest and by KVM_GET_MSRS, and 0 disables; without bit 3 (interrupt delivery) KVM writes
 *            nothing to the area
 * groups:  vcpu msr pv
 * requires: KVM_CAP_ASYNC_PF
 * mode:    long
 * irqchip: yes
 * timeout: 5
 * # Any non-zero value is #GP without an in-kernel LAPIC, hence the irqchip. The area is at 0x5000; the #GP
 * # handler counts at 0x3000 and skips the 2-byte WRMSR. RDMSR results: 0x3008 after the two refused writes,
 * # 0x3010 after the accepted one, 0x3018 after the write of 0. KVM enables asynchronous page faults only
 * # with bits 0 and 3 both set (5.10 dropped 'page ready' through #PF); then it would write the
 * # broadcast token at 0x5004 (async-pf-int). Here the area stays zero.
 * on:      checkpoint 1 => check-msrs 0x4b564d02=0x5007
 * expect:  status 0
 * expect:  mem 0x3000 u32=2
 * expect:  mem 0x3008 u64=0
 * expect:  mem 0x3010 u64=0x5007
 * expect:  mem 0x3018 u64=0
 * expect:  mem 0x5000 u64=0
 */
	.include "testdev.inc"
	.include "irq.inc"
	.set	MSR_KVM_ASYNC_PF_EN, 0x4b564d02
	.set	APF, 0x5000

	idt64_gate 13, gp_handler
	mov	$MSR_KVM_ASYNC_PF_EN, %ecx
	xor	%edx, %edx
	mov	$APF | 0x10 | 1, %eax		/* bit 4: reserved */
	wrmsr					/* #GP(0) */
	mov	$APF | 0x20 | 1, %eax		/* bit 5: reserved */
	wrmsr					/* #GP(0) */
	rdmsr
	mov	%eax, 0x3008
	mov	%edx, 0x300c

	mov	$APF | 7, %eax			/* enabled, send always, deliver as #PF vmexit */
	xor	%edx, %edx
	wrmsr
	rdmsr
	mov	%eax, 0x3010
	mov	%edx, 0x3014
	checkpoint 1				/* the host reads it too; the guest re-enters */

	xor	%eax, %eax
	xor	%edx, %edx
	wrmsr					/* disabled */
	rdmsr
	mov	%eax, 0x3018
	mov	%edx, 0x301c
	exit_status 0				/* HLT would wait in the in-kernel LAPIC */

gp_handler:
	incl	0x3000
	addq	$2, 8(%rsp)			/* the RIP above the error code: past the WRMSR */
	add	$8, %rsp			/* drop the error code */
	iretq
