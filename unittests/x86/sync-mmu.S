/*
 * feature: KVM_CAP_SYNC_MMU - when the host maps a new page over part of a live slot's memory (mmap MAP_FIXED,
 *            no KVM_SET_USER_MEMORY_REGION), the guest's next access to that GPA reaches the new page: it reads
 *            what the host wrote there, and its write lands there; the other pages keep their contents
 * groups:  memory slots
 * requires: KVM_CAP_SYNC_MMU
 * mode:    protected
 * slot:    1 gpa=0x400000 size=16K fill=0x11
 * timeout: 5
 * # The guest writes 0xaaaaaaaa to page 1 of slot 1 first, so that KVM has that page mapped writable for it.
 * # At checkpoint 1 the host file replaces page 1's host memory with a fresh page holding 0x22222222 at its
 * # start; KVM learns of it through the MMU notifier and drops its mapping, so the guest reads 0x22222222,
 * # not its own 0xaaaaaaaa, and 0 past it where the old page held 0x11111111; its next write (0x33333333)
 * # is in the new page the host reads.
 * exits:   exact
 * expect:  exit hlt
 * expect:  mem 0x3000 u32=0xaaaaaaaa
 * expect:  mem 0x3004 u32=0x22222222
 * expect:  mem 0x3008 u32=0x11111111
 * expect:  mem 0x300c u32=0
 * expect:  mem 0x401000 u32=0x22222222
 * expect:  mem 0x401004 u32=0x33333333
 * expect:  mem 0x401008 u32=0
 */
	.include "testdev.inc"
	.set	PAGE1, 0x401000

	movl	$0xaaaaaaaa, PAGE1
	mov	PAGE1, %eax
	mov	%eax, 0x3000			/* the guest's own write, read back */
	checkpoint 1				/* the host replaces page 1 */
	mov	PAGE1, %eax
	mov	%eax, 0x3004			/* the host's new page */
	mov	0x400000, %eax
	mov	%eax, 0x3008			/* page 0, untouched */
	mov	PAGE1 + 8, %eax
	mov	%eax, 0x300c			/* 0 in the new page (the old one was filled with 0x11) */
	movl	$0x33333333, PAGE1 + 4
	hlt
