/*
 * feature: KVM_CAP_KVMCLOCK_CTRL - KVM_KVMCLOCK_CTRL on a vCPU whose guest registered kvmclock sets PVCLOCK_GUEST_STOPPED
 *            (flags bit 1) in its pvclock page at the next entry
 * groups:  clock
 * mode:    long
 * requires: KVM_CAP_KVMCLOCK_CTRL cpuid=kvm-clocksource2
 * timeout: 3
 * # The guest enables its pvclock at 0x5000 (MSR_KVM_SYSTEM_TIME_NEW, bit 0 = enable), waits for KVM to fill
 * # it in and reads its flags byte (offset 29) into EBX: no GUEST_STOPPED. At checkpoint 1
 * # kvmclock-ctrl.host.ts issues KVM_KVMCLOCK_CTRL; the guest reads the flags again into R8: bit 1 set.
 * expect:  regs rbx=0/0x2 r8=0x2/0x2
 */
	.include "testdev.inc"
	.set	PVCLOCK, 0x5000			/* struct pvclock_vcpu_time_info */
	.set	PV_VERSION, PVCLOCK + 0
	.set	PV_FLAGS, PVCLOCK + 29
	.set	MSR_KVM_SYSTEM_TIME_NEW, 0x4b564d01

	mov	$MSR_KVM_SYSTEM_TIME_NEW, %ecx
	mov	$PVCLOCK | 1, %eax
	xor	%edx, %edx
	wrmsr
1:	cmpl	$0, PV_VERSION			/* KVM fills the page in before the next entry */
	je	1b
	movzbl	PV_FLAGS, %ebx
	checkpoint 1				/* the host: KVM_KVMCLOCK_CTRL */
	movzbl	PV_FLAGS, %r8d
	exit_status 0
