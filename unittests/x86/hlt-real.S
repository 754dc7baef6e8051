/*
 * feature: KVM_EXIT_HLT (KVM_CAP_HLT) - HLT in real mode exits to userspace
 *            (there is no in-kernel irqchip to halt in) with RIP past the HLT
 * groups:  exits modes
 * mode:    real
 * expect:  final hlt
 * expect:  regs rax=8 rip=0x1013
 */
	/* fib(6) = 8, computed by the guest */
	mov	$6, %cx
	xor	%ax, %ax
	mov	$1, %bx
1:	mov	%bx, %dx
	add	%ax, %dx
	mov	%bx, %ax
	mov	%dx, %bx
	loop	1b
	hlt
