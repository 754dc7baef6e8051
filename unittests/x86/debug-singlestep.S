/*
 * feature: KVM_SET_GUEST_DEBUG with KVM_GUESTDBG_SINGLESTEP - every KVM_RUN executes one instruction and exits
 *            KVM_EXIT_DEBUG with exception 1 (#DB), pc at the next instruction, DR6.BS set and the vCPU's DR7
 * groups:  vcpu debug
 * mode:    long
 * timeout: 5
 * debug:   singlestep
 * # DR6 = DR6.BS (bit 14) | the bits that read as 1 (0xffff0ff0). DR7 is the vCPU's own, as at reset: 0x400
 * # (bit 10 reads as 1, no breakpoint enabled); a #DB exit reports it (struct kvm_debug_exit_arch dr7).
 * on:      exit debug #1 => continue
 * on:      exit debug #2 => continue
 * exits:   exact
 * expect:  exit debug exception=1 pc=0x1001 dr6=0xffff4ff0 dr7=0x400
 * expect:  exit debug exception=1 pc=0x1006 dr6=0xffff4ff0 dr7=0x400
 * expect:  exit debug exception=1 pc=0x1008 dr6=0xffff4ff0 dr7=0x400
 * expect:  final debug exception=1 pc=0x1008
 * expect:  regs rax=2 rbx=0 rip=0x1008
 */
	nop				/* 0x1000 */
	mov	$1, %eax		/* 0x1001 */
	inc	%eax			/* 0x1006 */
	add	%eax, %ebx		/* 0x1008: not reached, the third exit ends the run */
	hlt
