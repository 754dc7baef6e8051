/*
 * feature: KVM_CAP_X86_ROBUST_SINGLESTEP - with KVM_GUESTDBG_SINGLESTEP, an instruction KVM emulates (an
 *            intercepted CPUID) or completes after userspace (an OUT) ends in KVM_EXIT_DEBUG at the very next
 *            instruction, as natively run ones do: no instruction is stepped over
 * groups:  vcpu debug
 * requires: KVM_CAP_X86_ROBUST_SINGLESTEP
 * mode:    long
 * timeout: 5
 * debug:   singlestep
 * # The CPU never executes an intercepted instruction, so no #DB trap follows it: KVM skips it and reports
 * # the step itself (kvm_skip_emulated_instruction, DR6.BS). The OUT exits to userspace first; its step is
 * # reported by the KVM_RUN that completes it. The MOV and the NOP are stepped by the CPU. The synthesized
 * # exits leave debug.arch.dr7 as it was, so only exception, pc and dr6 are checked.
 * on:      exit debug #1 => continue
 * on:      exit debug #2 => continue
 * on:      exit debug #3 => continue
 * exits:   exact
 * expect:  exit debug exception=1 pc=0x1002 dr6=0xffff4ff0
 * expect:  exit debug exception=1 pc=0x1004 dr6=0xffff4ff0
 * expect:  exit io direction=out port=0x80 size=1 data=0x41
 * expect:  exit debug exception=1 pc=0x1006 dr6=0xffff4ff0
 * expect:  exit debug exception=1 pc=0x1007 dr6=0xffff4ff0
 * expect:  final debug exception=1 pc=0x1007
 * expect:  regs rip=0x1007
 */
	cpuid				/* 0x1000: intercepted, emulated by KVM */
	mov	$0x41, %al		/* 0x1002 */
	out	%al, $0x80		/* 0x1004: KVM_EXIT_IO, completed by the next KVM_RUN */
	nop				/* 0x1006 */
	hlt				/* 0x1007: not reached, the fourth debug exit ends the run */
