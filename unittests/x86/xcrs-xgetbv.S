/*
 * feature: KVM_SET_XCRS / KVM_GET_XCRS - XCR0 set by the host is what the guest's xgetbv reads, and what
 *            KVM_GET_XCRS reads back after the run
 * groups:  vcpu fpu xsave
 * requires: KVM_CAP_XCRS host-cpu=xsave host-cpu=avx
 * mode:    long
 * timeout: 5
 * # xcrs-xgetbv.host.ts sets XCR0 = 7 (x87, SSE, AVX) before the run and reads it back after it.
 * # kvm-unit-tests' xsave test hangs on kvm_pvm, hence the short timeout.
 * expect:  final hlt
 * expect:  regs r8=7
 */
	mov	%cr4, %rax
	or	$0x40000, %rax		/* CR4.OSXSAVE */
	mov	%rax, %cr4
	xor	%ecx, %ecx
	xgetbv				/* XCR0 */
	shl	$32, %rdx
	or	%rdx, %rax
	mov	%rax, %r8
	hlt
