/*
 * feature: KVM_CAP_STEAL_TIME - the guest registers struct kvm_steal_time through MSR_KVM_STEAL_TIME (64-byte
 *            aligned GPA | enable): KVM fills it in before the guest runs again (version even and non-zero, flags
 *            and preempted 0) and updates it at every later entry from userspace (version up, steal not down);
 *            reserved bits 5:1 are #GP(0); after a write with bit 0 clear KVM leaves the structure alone
 * groups:  vcpu msr pv
 * requires: KVM_CAP_STEAL_TIME
 * mode:    long
 * timeout: 5
 * # The structure is at 0x5000 (zeroed RAM, as msr.rst asks): steal u64, version u32, flags u32, preempted u8.
 * # KVM writes it on KVM_REQ_STEAL_UPDATE, which the WRMSR and every vCPU load (each KVM_RUN) request:
 * # version goes odd, then even again, 2 per update. The #GP handler counts at 0x3000 and skips the
 * # 2-byte WRMSR/RDMSR. Stored: 0x3008 the MSR after the refused write, 0x3010 after the accepted one,
 * # 0x3018/0x301c the versions before and after checkpoint 1, 0x3020/0x3028 steal then, 0x3030/0x3034 the
 * # versions before and after checkpoint 2 (once disabled). Status 2: first version odd or 0; 3: the
 * # version did not go up across the checkpoint, or went odd; 4: flags or preempted not 0; 5: steal went
 * # down; 6: the disabled structure changed.
 * expect:  status 0
 * expect:  mem 0x3000 u32=1
 * expect:  mem 0x3008 u64=0
 * expect:  mem 0x3010 u64=0x5001
 */
	.include "testdev.inc"
	.include "irq.inc"
	.set	MSR_KVM_STEAL_TIME, 0x4b564d03
	.set	ST, 0x5000
	.set	ST_STEAL, ST + 0
	.set	ST_VERSION, ST + 8
	.set	ST_FLAGS, ST + 12
	.set	ST_PREEMPTED, ST + 16

	idt64_gate 13, gp_handler
	mov	$MSR_KVM_STEAL_TIME, %ecx
	xor	%edx, %edx
	mov	$ST | 0x20 | 1, %eax		/* bit 5: reserved */
	wrmsr					/* #GP(0) */
	rdmsr
	mov	%eax, 0x3008
	mov	%edx, 0x300c

	mov	$ST | 1, %eax
	xor	%edx, %edx
	wrmsr					/* accepted: KVM fills the structure in before the next entry */
	rdmsr
	mov	%eax, 0x3010
	mov	%edx, 0x3014
	mov	ST_VERSION, %r8d
	mov	%r8d, 0x3018
	mov	ST_STEAL, %r10
	mov	%r10, 0x3020
	test	%r8d, %r8d
	jz	first_bad
	test	$1, %r8d
	jnz	first_bad
	cmpl	$0, ST_FLAGS
	jne	fields_bad
	cmpb	$0, ST_PREEMPTED
	jne	fields_bad

	checkpoint 1				/* out to userspace and back: another update */
	mov	ST_VERSION, %r9d
	mov	%r9d, 0x301c
	mov	ST_STEAL, %r11
	mov	%r11, 0x3028
	test	$1, %r9d
	jnz	second_bad
	cmp	%r8d, %r9d
	jbe	second_bad
	cmpl	$0, ST_FLAGS
	jne	fields_bad
	cmpb	$0, ST_PREEMPTED
	jne	fields_bad
	cmp	%r10, %r11
	jb	steal_bad

	mov	$MSR_KVM_STEAL_TIME, %ecx
	xor	%eax, %eax
	xor	%edx, %edx
	wrmsr					/* bit 0 clear: no more updates */
	mov	ST_VERSION, %r8d
	mov	%r8d, 0x3030
	checkpoint 2
	mov	ST_VERSION, %r9d
	mov	%r9d, 0x3034
	cmp	%r8d, %r9d
	jne	disabled_bad
	exit_status 0
first_bad:
	exit_status 2
second_bad:
	exit_status 3
fields_bad:
	exit_status 4
steal_bad:
	exit_status 5
disabled_bad:
	exit_status 6

gp_handler:
	incl	0x3000
	addq	$2, 8(%rsp)			/* the RIP above the error code: past the WRMSR/RDMSR */
	add	$8, %rsp			/* drop the error code */
	iretq
