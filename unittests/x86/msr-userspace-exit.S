/*
 * feature: KVM_EXIT_X86_RDMSR/WRMSR - with KVM_CAP_X86_USER_SPACE_MSR (KVM_MSR_EXIT_REASON_FILTER) and
 *            KVM_X86_SET_MSR_FILTER denying IA32_SYSENTER_CS, RDMSR and WRMSR exit with index, data and reason;
 *            the host's answer is the guest's EDX:EAX, and an answer with error=1 makes the guest take #GP(0)
 * groups:  vcpu msr
 * requires: KVM_CAP_X86_USER_SPACE_MSR KVM_CAP_X86_MSR_FILTER
 * mode:    long
 * # The filter (msr-userspace-exit.host.ts) denies reads and writes of MSR 0x174 and allows everything else.
 * enable-cap: KVM_CAP_X86_USER_SPACE_MSR 0x4
 * on:      exit rdmsr #1 => answer 0x1122334455667788
 * on:      exit wrmsr #1 => continue
 * on:      exit rdmsr #2 => msr-error
 * expect:  exit rdmsr index=0x174 msr_reason=4
 * expect:  exit wrmsr index=0x174 data=0xcafef00ddeadbeef msr_reason=4
 * expect:  exit rdmsr index=0x174 msr_reason=4
 * expect:  final exception vector=13 error_code=0 rip=0x1021
 * expect:  mem 0x3000 u64=0x1122334455667788
 */
	mov	$0x174, %ecx		/* IA32_SYSENTER_CS, denied by the filter */
	rdmsr				/* the host answers */
	mov	%eax, 0x3000
	mov	%edx, 0x3004
	mov	$0xdeadbeef, %eax
	mov	$0xcafef00d, %edx
	wrmsr				/* the host sees the data and lets it pass */
	rdmsr				/* at 0x1021: the host answers with error=1 */
	hlt
