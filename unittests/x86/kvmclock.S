/*
 * feature: KVM_SET_CLOCK / KVM_GET_CLOCK - the host moves kvmclock 1000 s ahead; the guest's MSR_KVM_SYSTEM_TIME_NEW pvclock page shows the moved clock and reads monotonic
 * groups:  clock
 * mode:    long
 * requires: KVM_CAP_ADJUST_CLOCK cpuid=kvm-clocksource2
 * timeout: 3
 * # kvmclock.host.ts: before the run, KVM_GET_CLOCK, then KVM_SET_CLOCK to that value + 1000 s, and
 * # KVM_GET_CLOCK again (at least the value set, less than 1 s past it). The guest enables its
 * # pvclock at 0x5000 (MSR 0x4b564d01, bit 0 = enable) and reads the clock twice with the pvclock
 * # protocol (even version, unchanged across the read; ns = system_time + scaled TSC delta),
 * # storing both reads at 0x3000 and 0x3008; status 2 if the second is below the first, 3 if the
 * # page was never filled in. After the run the host checks both reads lie between the value it
 * # set and KVM_GET_CLOCK's answer now.
 * exits:   exact
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 */
	.include "testdev.inc"
	.set	PVCLOCK, 0x5000			/* struct pvclock_vcpu_time_info, 32 bytes */
	.set	PV_VERSION, PVCLOCK + 0
	.set	PV_TSC_TIMESTAMP, PVCLOCK + 8
	.set	PV_SYSTEM_TIME, PVCLOCK + 16
	.set	PV_MUL, PVCLOCK + 24
	.set	PV_SHIFT, PVCLOCK + 28
	.set	MSR_KVM_SYSTEM_TIME_NEW, 0x4b564d01

	mov	$MSR_KVM_SYSTEM_TIME_NEW, %ecx
	mov	$PVCLOCK | 1, %eax
	xor	%edx, %edx
	wrmsr
	cmpl	$0, PV_VERSION			/* KVM fills the page in before the next entry */
	je	unfilled
	cmpl	$0, PV_MUL
	je	unfilled
	call	read_clock
	mov	%rax, 0x3000
	mov	$10000, %ecx			/* a little time between the reads */
1:	pause
	loop	1b
	call	read_clock
	mov	%rax, 0x3008
	cmp	0x3000, %rax
	jb	backwards
	exit_status 0
backwards:
	exit_status 2
unfilled:
	exit_status 3

/* rax = kvmclock in ns. Clobbers rcx, rdx, r8, r9. */
read_clock:
	mov	PV_VERSION, %r8d
	test	$1, %r8d			/* odd: an update is in progress */
	jnz	read_clock
	lfence
	rdtsc
	shl	$32, %rdx
	or	%rdx, %rax
	sub	PV_TSC_TIMESTAMP, %rax
	movsbq	PV_SHIFT, %rcx
	test	%rcx, %rcx
	js	2f
	shl	%cl, %rax
	jmp	3f
2:	neg	%rcx
	shr	%cl, %rax
3:	mov	PV_MUL, %r9d
	mul	%r9				/* rdx:rax = delta * mul */
	shrd	$32, %rdx, %rax
	add	PV_SYSTEM_TIME, %rax
	lfence
	cmp	PV_VERSION, %r8d
	jne	read_clock
	ret
