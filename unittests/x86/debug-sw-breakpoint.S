/*
 * feature: KVM_SET_GUEST_DEBUG with KVM_GUESTDBG_USE_SW_BP - the guest's int3 exits KVM_EXIT_DEBUG with
 *            exception 3 (#BP) and pc at the int3, instead of running the guest's #BP handler
 * groups:  vcpu debug
 * mode:    long
 * timeout: 5
 * # Only pc and exception: KVM fills dr6 and dr7 of struct kvm_debug_exit_arch for #DB exits, not for #BP
 * # (svm.c bp_interception, vmx.c handle_exception_nmi), so they hold nothing to check here.
 * debug:   sw-bp
 * exits:   exact
 * expect:  final debug exception=3 pc=0x1006
 * expect:  regs rax=0x2a rip=0x1006
 */
	mov	$0x2a, %eax		/* 0x1000 */
	nop				/* 0x1005 */
	int3				/* 0x1006: a breakpoint a debugger planted */
	hlt
