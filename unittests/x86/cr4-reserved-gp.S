/*
 * feature: CR4 bits follow the guest CPUID (KVM_SET_CPUID2): setting CR4.FSGSBASE while CPUID.7.0:EBX.FSGSBASE is
 *            clear takes #GP(0) at the MOV to CR4, and CR4 keeps its value
 * groups:  vcpu cpuid exceptions
 * mode:    long
 * # leaf 7.0 EBX = 0 advertises none of its features, FSGSBASE (bit 0) included; CR4.FSGSBASE is bit 16.
 * cpuid:   7.0 ebx=0
 * expect:  final exception vector=13 error_code=0 rip=0x1009
 * expect:  sregs cr4=0x620
 */
	mov	%cr4, %rax		/* 3 bytes */
	or	$0x10000, %rax		/* 6 bytes: CR4.FSGSBASE */
	mov	%rax, %cr4		/* at 0x1009: #GP(0) */
	hlt
