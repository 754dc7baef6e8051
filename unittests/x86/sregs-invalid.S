/*
 * feature: KVM_SET_SREGS errors - CR0.PG without CR0.PE, or a reserved EFER bit (63), fails with EINVAL
 *            and leaves the vCPU's special registers unchanged
 * groups:  modes sregs errors
 * mode:    protected
 * on:      start => set-sregs cr0=0x33; check-sregs cr0=0x33 efer=0
 * on:      start => set-sregs cr0=0x80000032 errno=EINVAL; check-sregs cr0=0x33 efer=0
 * on:      start => set-sregs efer=0x8000000000000000 errno=EINVAL; check-sregs cr0=0x33 efer=0
 * exits:   exact
 * expect:  exit hlt
 * expect:  sregs cr0=0x33 efer=0 cr4=0x600 cs.selector=0x08
 */
	hlt
