/*
 * feature: KVM_CAP_HALT_POLL - KVM_ENABLE_CAP on the VM sets its halt-polling limit: at 1 s, in-kernel HLTs woken
 *            by a 2 ms LAPIC timer poll (the vCPU's halt_attempted_poll statistic grows, where KVM's default limit
 *            of 200 us would not poll them); set to 0 at a checkpoint, the next eight do not poll at all; a limit
 *            above 32 bits is EINVAL
 * groups:  vm stats irqchip
 * mode:    long
 * irqchip: yes
 * requires: KVM_CAP_HALT_POLL KVM_CAP_BINARY_STATS_FD
 * enable-cap: KVM_CAP_HALT_POLL 1000000000
 * timeout: 5
 * # Each HLT waits for a 2 ms one-shot LAPIC timer (initial count 2000000 at KVM's 1 GHz APIC bus). KVM grows a
 * # vCPU's poll time from 0 only after a halt shorter than the limit, so with 1 s the second HLT on polls.
 * # halt-poll.host.ts reads the vCPU's stats at checkpoint 1 (at least 8 HLT exits, at least one poll attempted)
 * # before the header's enable-cap sets the limit to 0, and at checkpoint 2 (no further poll attempted).
 * on:      start => enable-cap KVM_CAP_HALT_POLL 0x100000000 errno=EINVAL
 * on:      checkpoint 1 => enable-cap KVM_CAP_HALT_POLL 0
 * expect:  mem 0x3000 u32=16
 */
	.include "testdev.inc"
	.include "irq.inc"
	.set	COUNT, 0x3000
	.set	FIRED, 0x3004

	.macro	timer_halts n		/* N times: arm the timer, halt until it fires */
	mov	$\n, %ebx
.Lhalts\@:
	movl	$0, FIRED
	apic_write APIC_TMICT, 2000000
	wait_nonzero FIRED
	dec	%ebx
	jnz	.Lhalts\@
	.endm

	handle_interrupts 0x40, handler
	apic_write APIC_TDCR, 0xb		/* divide by 1 */
	apic_write APIC_LVTT, 0x40		/* one-shot, vector 0x40 */
	timer_halts 8
	checkpoint 1				/* polling limit 1 s so far; then 0 */
	timer_halts 8
	checkpoint 2
	exit_status 0

handler:
	incl	COUNT
	movl	$1, FIRED
	push	%rdx
	lapic_eoi
	pop	%rdx
	iretq
