/*
 * feature: KVM_EXIT_HLT (KVM_CAP_HLT) - HLT in 64-bit long mode exits to userspace
 *            (there is no in-kernel irqchip to halt in) with RIP past the HLT
 * groups:  exits modes hlt
 * mode:    long
 * exits:   exact
 * expect:  exit hlt
 * expect:  final hlt
 * expect:  regs rax=12586269025 rip=0x101b
 */
	/* fib(50) = 12586269025, which needs more than 32 bits, computed by the guest */
	mov	$50, %ecx
	xor	%eax, %eax
	mov	$1, %ebx
1:	mov	%rbx, %rdx
	add	%rax, %rdx
	mov	%rbx, %rax
	mov	%rdx, %rbx
	loop	1b
	hlt
