/*
 * feature: KVM_CAP_X86_DISABLE_EXITS - with KVM_X86_DISABLE_EXITS_HLT enabled on the VM before its vCPUs exist,
 *            the guest's HLT no longer exits to userspace: no KVM_EXIT_HLT, the vCPU halts in guest mode and,
 *            woken by the next interrupt the host takes, goes on past the HLT
 * groups:  exits hlt
 * requires: KVM_CAP_X86_DISABLE_EXITS&0x2
 * mode:    long
 * timeout: 5
 * # KVM_X86_DISABLE_EXITS_HLT is bit 1 of the enable-cap argument (and of the capability's value, the
 * # exits this host lets a VM disable). There is no irqchip, so without the capability the first HLT would
 * # end the run with KVM_EXIT_HLT. With it, HLT is not intercepted: the CPU halts inside the guest until an
 * # interrupt arrives (the host's own timer tick is enough; it exits to KVM, which re-enters the guest after
 * # the HLT). The guest halts three times, counting in RBX, then writes status 0: that OUT is the only exit.
 * enable-cap: KVM_CAP_X86_DISABLE_EXITS 0x2
 * exits:   exact
 * expect:  exit io direction=out port=0xf4 size=4 data=0
 * expect:  status 0
 * expect:  regs rbx=3
 */
	.include "testdev.inc"
	xor	%ebx, %ebx
	mov	$3, %ecx
1:	hlt				/* no exit: halts in guest mode */
	inc	%ebx
	loop	1b
	exit_status 0
