/*
 * feature: KVM_SET_TSC_KHZ - a guest TSC frequency of half the current one is what KVM_GET_TSC_KHZ then reports
 * groups:  vcpu tsc host-only
 * requires: KVM_CAP_TSC_CONTROL
 * # Host only: the check lives in tsc-khz-set.host.ts; the guest just halts.
 */
	hlt
