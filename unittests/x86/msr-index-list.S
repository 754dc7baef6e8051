/*
 * feature: KVM_GET_MSR_INDEX_LIST - lists the architectural MSRs that KVM always saves and restores
 * groups:  vcpu msr host-only
 * # Host only: the check lives in msr-index-list.host.ts; the guest just halts.
 */
	hlt
