/*
 * feature: KVM_CAP_DISABLE_QUIRKS2 - with KVM_X86_QUIRK_FIX_HYPERCALL_INSN (bit 5) disabled, the guest's VMCALL on an
 *            AMD vCPU (the other vendor's hypercall instruction) is #UD, not rewritten to VMMCALL and run
 * groups:  vcpu hypercall quirks exceptions
 * requires: vendor=amd KVM_CAP_DISABLE_QUIRKS2&0x20
 * mode:    long
 * enable-cap: KVM_CAP_DISABLE_QUIRKS2 0x20
 * timeout: 5
 * # With the quirk (the default) KVM patches VMCALL into VMMCALL in guest memory and runs the hypercall
 * # (nr 0x1234 is unknown: RAX = -KVM_ENOSYS, and the guest goes on to its status write). Disabled, the
 * # VMCALL at 0x1005 raises #UD in the guest: the default stubs report vector 6 there.
 * expect:  final exception vector=6 rip=0x1005
 */
	.include "testdev.inc"
	mov	$0x1234, %eax		/* hypercall nr: unknown to KVM */
	vmcall
	exit_status 0
