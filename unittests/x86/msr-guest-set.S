/*
 * feature: KVM_GET_MSRS - the guest's WRMSR to IA32_SYSENTER_CS/ESP/EIP is what the host reads back
 * groups:  vcpu msr
 * mode:    long
 * on:      end => check-msrs 0x174=0x23 0x175=0x80d000 0x176=0x405678
 * expect:  final hlt
 */
	mov	$0x174, %ecx		/* IA32_SYSENTER_CS */
	mov	$0x23, %eax
	xor	%edx, %edx
	wrmsr
	mov	$0x175, %ecx		/* IA32_SYSENTER_ESP */
	mov	$0x80d000, %eax
	wrmsr
	mov	$0x176, %ecx		/* IA32_SYSENTER_EIP */
	mov	$0x405678, %eax
	wrmsr
	hlt
