/*
 * feature: KVM_CAP_SYSTEM_EVENT_DATA - KVM_EXIT_SYSTEM_EVENT reports ndata: a guest's write of 1 to the Hyper-V
 *            reset MSR (HV_X64_MSR_RESET) exits KVM_SYSTEM_EVENT_RESET (2) with ndata 0, RIP past the WRMSR;
 *            a write of 0 does not exit
 * groups:  hyperv msr exits
 * requires: KVM_CAP_SYSTEM_EVENT_DATA KVM_CAP_HYPERV
 * mode:    long
 * cpuid:   hyperv
 * timeout: 5
 * # Before KVM_CAP_SYSTEM_EVENT_DATA the word after `type` was padding before a `flags` field; x86 KVM sets
 * # ndata to 0 for its resets. The run ends at the exit, with RBX set and RSI not.
 * exits:   exact
 * expect:  exit system_event type=2 ndata=0
 * expect:  final system_event type=2 ndata=0
 * expect:  regs rbx=0x1234 rsi=0 rip=0x1029
 */
	.include "testdev.inc"
	.include "hyperv.inc"
	xor	%esi, %esi
	wrmsr64	HV_X64_MSR_RESET, 0, 0	/* no reset */
	mov	$0x1234, %ebx
	wrmsr64	HV_X64_MSR_RESET, 0, 1	/* KVM_EXIT_SYSTEM_EVENT */
	mov	$0x5678, %esi
	hlt
