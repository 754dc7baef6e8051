/*
 * feature: kvm_run.immediate_exit - at a checkpoint the host sets it: KVM_RUN completes the pending OUT and
 *            returns EINTR without running the guest (RIP stays just past the OUT, twice); cleared, the guest resumes
 * groups:  exits immediate-exit
 * requires: KVM_CAP_IMMEDIATE_EXIT
 * mode:    protected
 * on:      checkpoint 1 => immediate-exit rip=0x1007
 * exits:   exact
 * expect:  exit hlt
 * expect:  regs rbx=2 rip=0x100a
 */
	.include "testdev.inc"

	checkpoint 1			/* mov $1,%eax; out %eax,$0xf0: the OUT ends at 0x1007 */
	inc	%ebx			/* runs once, after immediate_exit is cleared */
	inc	%ebx
	hlt
