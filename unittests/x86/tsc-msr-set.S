/*
 * feature: KVM_SET_MSRS on IA32_TSC - the guest's RDTSC continues from the value the host set, and KVM_GET_MSRS
 *            of IA32_TSC after the run has not gone below it
 * groups:  vcpu msr tsc
 * mode:    long
 * # IA32_TSC (0x10) = 0x123456 << 36: the guest's RDTSC must read 0x123456 in bits 63:36 (2^36 cycles is
 * # about 20 s at 3 GHz, far more than the run takes). tsc-msr-set.host.ts reads IA32_TSC back after the run.
 * msr:     0x10=0x1234560000000000
 * expect:  final hlt
 * expect:  regs r8=0x1234560000000000/0xfffffff000000000
 */
	rdtsc
	shl	$32, %rdx
	or	%rdx, %rax
	mov	%rax, %r8
	hlt
