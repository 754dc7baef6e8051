/*
 * feature: KVM_SET_USER_MEMORY_REGION errors - an overlapping slot gives EEXIST; a misaligned gpa or size,
 *            a slot id >= KVM_CAP_NR_MEMSLOTS and a slot of 2^31 pages (over KVM_MEM_MAX_NR_PAGES) give EINVAL
 * groups:  memory slots errors
 * mode:    real
 * on:      start => add-slot 2 gpa=0x1000 size=4096 errno=EEXIST
 * on:      start => add-slot 2 gpa=0x1ff000 size=0x2000 errno=EEXIST
 * on:      start => add-slot 2 gpa=0x400800 size=4096 errno=EINVAL
 * on:      start => add-slot 2 gpa=0x400000 size=0x1800 errno=EINVAL
 * on:      start => add-slot nr-memslots gpa=0x400000 size=4096 errno=EINVAL
 * on:      start => add-slot 2 gpa=0x400000 size=0x80000000000 errno=EINVAL
 * on:      start => add-slot 2 gpa=0x400000 size=4096
 * expect:  final hlt
 */
	hlt
