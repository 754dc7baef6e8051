/*
 * feature: KVM_CAP_DIRTY_LOG_RING - with a 4 KiB ring per vCPU enabled before the vCPUs exist, the guest's
 *            writes to a logged slot appear in vCPU 0's mmapped ring as one (slot, page) entry flagged DIRTY
 *            per page; KVM_RESET_DIRTY_RINGS resets exactly the harvested entries, clears them and
 *            re-protects their pages, so the next write to page 3 is logged again
 * groups:  memory dirty-log
 * requires: KVM_CAP_DIRTY_LOG_RING>=4096
 * enable-cap: KVM_CAP_DIRTY_LOG_RING 4096
 * mode:    protected
 * slot:    1 gpa=0x400000 size=32K dirty-log
 * timeout: 5
 * # The ring is 256 kvm_dirty_gfn entries at page 64 of the vCPU fd (KVM_DIRTY_LOG_PAGE_OFFSET on x86). The
 * # guest is unittests/dirty-ring.inc: round 1 writes pages 0, 3, 5 (5 twice) and reads page 1; round 2
 * # writes 3 and 6; round 3 only reads, so the ring has nothing new and the reset finds nothing.
 * on:      checkpoint 1 => dirty-ring 1 pages=0,3,5; reset-dirty-rings 3
 * on:      checkpoint 2 => dirty-ring 1 pages=3,6; reset-dirty-rings 2
 * on:      checkpoint 3 => dirty-ring 1 pages=none; reset-dirty-rings 0
 * exits:   exact
 * expect:  exit hlt
 * expect:  mem 0x403000 u32=0x33330002
 * expect:  mem 0x406000 u32=0x66666666
 */
	.include "testdev.inc"
	.include "dirty-ring.inc"

	dirty_ring_guest
