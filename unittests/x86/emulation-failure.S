/*
 * feature: KVM_CAP_EXIT_ON_EMULATION_FAILURE - an x87 load (flds) from MMIO, which KVM's emulator cannot decode,
 *            exits KVM_EXIT_INTERNAL_ERROR with suberror KVM_INTERNAL_ERROR_EMULATION; the instruction bytes
 *            it reports are checked by emulation-failure.host.ts
 * groups:  exits emulator internal-error
 * requires: KVM_CAP_EXIT_ON_EMULATION_FAILURE
 * enable-cap: KVM_CAP_EXIT_ON_EMULATION_FAILURE 1
 * mode:    long
 * exits:   exact
 * expect:  exit internal_error suberror=1
 * expect:  final internal_error suberror=1
 * expect:  regs rip=0x1005 rbx=0x10000000
 */
	mov	$0x10000000, %ebx	/* beyond RAM: MMIO */
	flds	(%rbx)			/* d9 03 at 0x1005: RIP stays here */
	hlt
