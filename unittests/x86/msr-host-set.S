/*
 * feature: KVM_SET_MSRS - IA32_SYSENTER_CS/ESP/EIP set by the host before the run are what the guest's RDMSR reads
 * groups:  vcpu msr
 * mode:    long
 * msr:     0x174=0x10 0x175=0x80c000 0x176=0x401234
 * expect:  final hlt
 * expect:  regs r8=0x10 r9=0x80c000 r10=0x401234
 */
	mov	$0x174, %ecx		/* IA32_SYSENTER_CS */
	rdmsr
	shl	$32, %rdx
	or	%rdx, %rax
	mov	%rax, %r8
	mov	$0x175, %ecx		/* IA32_SYSENTER_ESP */
	rdmsr
	shl	$32, %rdx
	or	%rdx, %rax
	mov	%rax, %r9
	mov	$0x176, %ecx		/* IA32_SYSENTER_EIP */
	rdmsr
	shl	$32, %rdx
	or	%rdx, %rax
	mov	%rax, %r10
	hlt
