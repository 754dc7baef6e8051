/*
 * feature: KVM_CAP_SYNC_REGS - with kvm_valid_regs = KVM_SYNC_X86_REGS the exit leaves the guest's registers in
 *            kvm_run.s.regs; RAX changed there and flagged in kvm_dirty_regs reaches the guest without KVM_SET_REGS;
 *            a kvm_valid_regs or kvm_dirty_regs bit outside KVM_SYNC_X86_VALID_FIELDS makes KVM_RUN fail with EINVAL
 * groups:  vcpu sync-regs
 * requires: KVM_CAP_SYNC_REGS
 * mode:    long
 * # sync-regs.host.ts: at checkpoint 1 s.regs must hold RAX=1 (the checkpoint number) and RBX=0x1234, then it
 * # writes RAX=0x5a5a5a5a12345678 there with kvm_dirty_regs = KVM_SYNC_X86_REGS. At checkpoint 2 it sets bit 63
 * # of kvm_valid_regs, then of kvm_dirty_regs, each time with immediate_exit set (so a KVM_RUN that accepts the
 * # bits returns EINTR without running the guest), expects EINVAL, and clears the bit again.
 * expect:  final hlt
 * expect:  regs r8=0x5a5a5a5a12345678
 */
	.include "testdev.inc"
	mov	$0x1234, %ebx
	checkpoint 1			/* the host rewrites RAX through kvm_run.s.regs */
	mov	%rax, %r8
	checkpoint 2			/* the host tries invalid sync-regs bits */
	hlt
