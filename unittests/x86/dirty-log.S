/*
 * feature: KVM_MEM_LOG_DIRTY_PAGES and KVM_GET_DIRTY_LOG - the guest writes pages 0, 3 and 5 of a logged
 *            slot; the log shows exactly those bits, and a second read after no writes shows none
 * groups:  memory dirty-log
 * mode:    protected
 * slot:    1 gpa=0x400000 size=32K dirty-log
 * on:      checkpoint 1 => dirty-log 1 pages=0,3,5
 * on:      checkpoint 2 => dirty-log 1 pages=none
 * exits:   exact
 * expect:  exit hlt
 * expect:  mem 0x400000 u32=0x11111111
 * expect:  mem 0x403000 u32=0x33333333
 * expect:  mem 0x405ffc u32=0x55555555
 */
	.include "testdev.inc"

	movl	$0x11111111, 0x400000	/* page 0 */
	movl	$0x33333333, 0x403000	/* page 3 */
	movl	$0x55555555, 0x405ffc	/* page 5, its last dword */
	checkpoint 1
	mov	0x401000, %eax		/* a read of page 1 dirties nothing */
	checkpoint 2
	hlt
