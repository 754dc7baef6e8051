/*
 * feature: KVM_CAP_GET_MSR_FEATURES - KVM_GET_MSR_FEATURE_INDEX_LIST on /dev/kvm lists IA32_ARCH_CAPABILITIES (0x10a),
 *            KVM_GET_MSRS on /dev/kvm reads its supported value, and that is the value a new vCPU starts with and
 *            the guest's RDMSR reads; KVM_GET_MSRS on /dev/kvm of an MSR outside the list reads nothing
 * groups:  vcpu msr
 * requires: KVM_CAP_GET_MSR_FEATURES
 * mode:    long
 * timeout: 5
 * # KVM emulates IA32_ARCH_CAPABILITIES on every x86 host and KVM_GET_SUPPORTED_CPUID offers it (leaf 7.0
 * # EDX bit 29), so the guest may read it. msr-feature-list.host.ts compares the /dev/kvm value with the vCPU's
 * # KVM_GET_MSRS before the run and with R8, the guest's RDMSR, after it; IA32_SYSENTER_CS (0x174) is no
 * # feature MSR: KVM_GET_MSRS on /dev/kvm must process none of it.
 * expect:  final hlt
 */
	mov	$0x10a, %ecx		/* IA32_ARCH_CAPABILITIES */
	rdmsr
	shl	$32, %rdx
	or	%rax, %rdx
	mov	%rdx, %r8
	hlt
