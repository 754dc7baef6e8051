/*
 * feature: KVM_CLEAR_DIRTY_LOG under KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2 - KVM_GET_DIRTY_LOG no longer clears;
 *            clearing pages 0 and 3 leaves page 5 dirty and re-arms logging, so a new write to page 3 shows again
 * groups:  memory dirty-log
 * requires: KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2
 * enable-cap: KVM_CAP_MANUAL_DIRTY_LOG_PROTECT2 1
 * mode:    protected
 * slot:    1 gpa=0x400000 size=32K dirty-log
 * on:      checkpoint 1 => dirty-log 1 pages=0,3,5; dirty-log 1 pages=0,3,5
 * on:      checkpoint 1 => clear-dirty-log 1 pages=0,3; dirty-log 1 pages=5
 * on:      checkpoint 2 => dirty-log 1 pages=3,5
 * on:      checkpoint 2 => clear-dirty-log 1 pages=0,1,2,3,4,5,6,7; dirty-log 1 pages=none
 * exits:   exact
 * expect:  exit hlt
 * expect:  mem 0x403000 u32=0x33330002
 */
	.include "testdev.inc"

	movl	$0x11111111, 0x400000	/* page 0 */
	movl	$0x33333333, 0x403000	/* page 3 */
	movl	$0x55555555, 0x405000	/* page 5 */
	checkpoint 1
	movl	$0x33330002, 0x403000	/* page 3 again, after its bit was cleared */
	checkpoint 2
	hlt
