/*
 * feature: KVM_SET_NR_MMU_PAGES - KVM_GET_NR_MMU_PAGES reads back the limit set (64, the minimum, and 1000);
 *            below 64 is EINVAL and changes nothing; until a limit is set KVM sizes it from the memory slots
 *            (one MMU page per 50 pages of memory, at least 64), and a set limit stays when a slot is added
 * groups:  memory host-only
 * mode:    real
 * mem:     16M
 * requires: KVM_CAP_MMU_SHADOW_CACHE_CONTROL
 * timeout: 3
 * # mmu-pages.host.ts, before the run: 16 MiB of RAM is 4096 pages, so the automatic limit is 81; a second
 * # slot of 4 MiB makes it 102. Then the explicit limits: 63 is EINVAL, 64 and 1000 read back, and a third
 * # slot leaves 1000. (Before the run, so no shadow pages are in use: KVM never sets the limit below those.)
 */
	hlt
