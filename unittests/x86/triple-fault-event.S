/*
 * feature: KVM_CAP_X86_TRIPLE_FAULT_EVENT - once enabled, KVM_GET_VCPU_EVENTS reports KVM_VCPUEVENT_VALID_TRIPLE_FAULT
 *            with triple_fault.pending 0, and KVM_SET_VCPU_EVENTS with triple_fault.pending 1 makes the next
 *            KVM_RUN exit KVM_EXIT_SHUTDOWN before the guest runs another instruction
 * groups:  vcpu events shutdown
 * requires: KVM_CAP_X86_TRIPLE_FAULT_EVENT KVM_CAP_VCPU_EVENTS
 * mode:    long
 * timeout: 5
 * # The set-events step is KVM_GET_VCPU_EVENTS, then KVM_SET_VCPU_EVENTS with the field changed and its valid
 * # flag (KVM_VCPUEVENT_VALID_TRIPLE_FAULT, 0x20) added. The pending triple fault is the vCPU's, as if the guest
 * # had caused it: KVM_RUN completes the checkpoint OUT and exits shutdown at once, RIP past the OUT.
 * enable-cap: KVM_CAP_X86_TRIPLE_FAULT_EVENT 1
 * on:      checkpoint 1 => check-events flags=0x20/0x20 triple_fault.pending=0; set-events triple_fault.pending=1
 * on:      checkpoint 1 => check-events triple_fault.pending=1
 * exits:   exact
 * expect:  exit shutdown
 * expect:  final shutdown
 * expect:  regs rip=0x100c rbx=0x1234
 */
	.include "testdev.inc"
	mov	$0x1234, %ebx
	checkpoint 1			/* the host sets a pending triple fault */
	mov	$0x5678, %ebx		/* at 0x100c: never runs */
	hlt
