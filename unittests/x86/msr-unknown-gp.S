/*
 * feature: MSR emulation without KVM_CAP_X86_USER_SPACE_MSR - RDMSR of an MSR that KVM does not know delivers
 *            #GP(0) to the guest at the RDMSR, with no exit to userspace
 * groups:  vcpu msr exceptions
 * mode:    long
 * # 0x474f4f00 is no architectural or model-specific MSR (the selftests' MSR_NON_EXISTENT).
 * # The only exit is the default #GP stub's report to the exception port (0xf8).
 * exits:   exact
 * expect:  exit io direction=out port=0xf8 data=0xd
 * expect:  final exception vector=13 error_code=0 rip=0x1005
 * expect:  regs rcx=0x474f4f00
 */
	mov	$0x474f4f00, %ecx	/* 5 bytes: the RDMSR is at 0x1005 */
	rdmsr
	hlt
