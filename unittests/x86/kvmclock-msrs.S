/*
 * feature: KVM_CAP_CLOCKSOURCE - the kvmclock MSRs: MSR_KVM_WALL_CLOCK_NEW makes KVM write struct pvclock_wall_clock
 *            at its GPA during the WRMSR (the wall-clock time at kvmclock 0), MSR_KVM_SYSTEM_TIME_NEW (GPA | enable)
 *            makes it fill struct pvclock_vcpu_time_info before the guest runs again; both read back as written
 * groups:  clock msr pv
 * requires: KVM_CAP_CLOCKSOURCE cpuid=kvm-clocksource2
 * mode:    long
 * timeout: 3
 * # Wall clock at 0x6000 (version u32, sec u32, nsec u32), pvclock at 0x5000 (version u32, pad, tsc_timestamp
 * # u64, system_time u64, tsc_to_system_mul u32, tsc_shift s8, flags u8), both zeroed RAM. The guest
 * # stores the RDMSRs at 0x3000 and 0x3008 and checks the pvclock page: status 2 if its version is odd or
 * # 0, 3 if tsc_to_system_mul is 0. kvmclock-msrs.host.ts checks the wall clock (version 2: KVM makes it
 * # odd, writes, makes it even; nsec below 1e9) and that wall clock + system_time, the wall-clock time of
 * # the last pvclock update, lies within the last minute of the host's own CLOCK_REALTIME.
 * expect:  status 0
 * expect:  mem 0x3000 u64=0x6000
 * expect:  mem 0x3008 u64=0x5001
 */
	.include "testdev.inc"
	.set	MSR_KVM_WALL_CLOCK_NEW, 0x4b564d00
	.set	MSR_KVM_SYSTEM_TIME_NEW, 0x4b564d01
	.set	WALL, 0x6000
	.set	PVCLOCK, 0x5000
	.set	PV_VERSION, PVCLOCK + 0
	.set	PV_MUL, PVCLOCK + 24

	mov	$MSR_KVM_WALL_CLOCK_NEW, %ecx
	mov	$WALL, %eax
	xor	%edx, %edx
	wrmsr					/* KVM writes the wall clock now */
	rdmsr
	mov	%eax, 0x3000
	mov	%edx, 0x3004

	mov	$MSR_KVM_SYSTEM_TIME_NEW, %ecx
	mov	$PVCLOCK | 1, %eax
	xor	%edx, %edx
	wrmsr					/* KVM fills the page in before the next entry */
	rdmsr
	mov	%eax, 0x3008
	mov	%edx, 0x300c
	mov	PV_VERSION, %eax
	test	%eax, %eax
	jz	version_bad
	test	$1, %eax
	jnz	version_bad
	cmpl	$0, PV_MUL
	je	mul_bad
	exit_status 0
version_bad:
	exit_status 2
mul_bad:
	exit_status 3
