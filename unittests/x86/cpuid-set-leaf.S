/*
 * feature: KVM_SET_CPUID2 - the guest's CPUID returns the entries the host set: a changed leaf (0x40000000) and an
 *            unchanged one (0) as KVM_GET_SUPPORTED_CPUID gave it
 * groups:  vcpu cpuid
 * mode:    long
 * # The runner sets every vCPU's CPUID to KVM_GET_SUPPORTED_CPUID with the cpuid: lines laid over it.
 * # cpuid-set-leaf.host.ts compares leaf 0 (r11-r14) with KVM_GET_SUPPORTED_CPUID.
 * cpuid:   0x40000000 eax=0x40000001 ebx=0x63746b76 ecx=0x7473656c edx=0x21212174
 * expect:  final hlt
 * expect:  regs r8=0x40000001 r9=0x63746b76 r10=0x7473656c rdx=0x21212174
 */
	mov	$0x40000000, %eax
	xor	%ecx, %ecx
	cpuid
	mov	%rax, %r8
	mov	%rbx, %r9
	mov	%rcx, %r10
	mov	%rdx, %rsi
	xor	%eax, %eax		/* leaf 0: as KVM_GET_SUPPORTED_CPUID reported it */
	xor	%ecx, %ecx
	cpuid
	mov	%rax, %r11
	mov	%rbx, %r12
	mov	%rcx, %r13
	mov	%rdx, %r14
	mov	%rsi, %rdx
	hlt
