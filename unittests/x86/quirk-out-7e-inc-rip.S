/*
 * feature: KVM_CAP_DISABLE_QUIRKS - KVM_ENABLE_CAP(KVM_CAP_DISABLE_QUIRKS, KVM_X86_QUIRK_OUT_7E_INC_RIP) on a running
 *            VM: before it, KVM_EXIT_IO of an OUT to port 0x7e has RIP already past the OUT (the quirk); after it,
 *            RIP is still at the OUT, as for any other port, and the next KVM_RUN completes it
 * groups:  exits io quirks
 * requires: KVM_CAP_DISABLE_QUIRKS
 * mode:    long
 * timeout: 5
 * # The quirk (bit 3, on by default) keeps old userspace working that relied on RIP being advanced before
 * # the exit. The original capability (116) takes the mask in args[0], as KVM_CAP_DISABLE_QUIRKS2 does, but
 * # without checking it. The io exits are: the first OUT (#1), the checkpoint (#2), the second OUT (#3).
 * on:      exit io #1 => check-regs rip=0x1004
 * on:      checkpoint 1 => enable-cap KVM_CAP_DISABLE_QUIRKS 0x8
 * on:      exit io #3 => check-regs rip=0x100d
 * exits:   exact
 * expect:  exit io direction=out port=0x7e size=1 data=0x5a
 * expect:  exit io direction=out port=0x7e size=1 data=0xa5
 * expect:  exit hlt
 * expect:  regs rip=0x1010 rax=0xa5
 */
	.include "testdev.inc"
	mov	$0x5a, %al		/* 0x1000 */
	out	%al, $0x7e		/* 0x1002: the quirk moves RIP to 0x1004 before the exit */
	checkpoint 1			/* 0x1004: the host disables the quirk */
	mov	$0xa5, %al		/* 0x100b */
	out	%al, $0x7e		/* 0x100d: RIP stays here at the exit */
	hlt				/* 0x100f */
