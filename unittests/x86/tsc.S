/*
 * feature: KVM_SET_MSRS on IA32_TSC moves the guest's RDTSC to the host's value; KVM_GET_TSC_KHZ reports the guest
 *            TSC frequency (and KVM_SET_TSC_KHZ, where KVM_CAP_TSC_CONTROL allows it, changes it)
 * groups:  vcpu msr tsc
 * mode:    long
 * # IA32_TSC (0x10) = 0x123456 << 36: the guest's RDTSC must read 0x123456 in bits 63:36 (2^36 cycles is
 * # about 20 s at 3 GHz, far more than the run takes). tsc.host.ts checks the TSC ioctls.
 * msr:     0x10=0x1234560000000000
 * expect:  final hlt
 * expect:  regs r8=0x1234560000000000/0xfffffff000000000
 */
	rdtsc
	shl	$32, %rdx
	or	%rdx, %rax
	mov	%rax, %r8
	hlt
