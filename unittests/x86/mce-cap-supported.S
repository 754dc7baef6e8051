/*
 * feature: KVM_X86_GET_MCE_CAP_SUPPORTED - the MCG_CAP bits KVM offers (MCG_CTL_P and MCG_SER_P always) are the ones
 *            KVM_X86_SETUP_MCE takes: all of them with 10 banks is accepted and the guest reads it in IA32_MCG_CAP,
 *            one more capability bit is EINVAL
 * groups:  vcpu mce
 * requires: KVM_CAP_MCE
 * mode:    long
 * timeout: 5
 * # mce-cap-supported.host.ts, before the run: /dev/kvm's KVM_X86_GET_MCE_CAP_SUPPORTED, then KVM_X86_SETUP_MCE
 * # with the lowest capability bit (8-63, less the extended-register count in 23:16) the answer lacks: EINVAL;
 * # then with the answer and 10 banks. It stores that value at 0x3008 for the guest, which reads MCG_CAP
 * # (0x179) into 0x3000.
 * expect:  final hlt
 */
	mov	$0x179, %ecx		/* IA32_MCG_CAP */
	rdmsr
	mov	%eax, 0x3000
	mov	%edx, 0x3004
	hlt
