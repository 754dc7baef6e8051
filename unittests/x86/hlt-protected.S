/*
 * feature: KVM_EXIT_HLT (KVM_CAP_HLT) - HLT in 32-bit protected mode exits to userspace
 *            (there is no in-kernel irqchip to halt in) with RIP past the HLT
 * groups:  exits modes hlt
 * mode:    protected
 * exits:   exact
 * expect:  exit hlt
 * expect:  final hlt
 * expect:  regs rax=55 rip=0x1017
 */
	/* fib(10) = 55, computed by the guest */
	mov	$10, %ecx
	xor	%eax, %eax
	mov	$1, %ebx
1:	mov	%ebx, %edx
	add	%eax, %edx
	mov	%ebx, %eax
	mov	%edx, %ebx
	loop	1b
	hlt
