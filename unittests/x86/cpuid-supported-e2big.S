/*
 * feature: KVM_GET_SUPPORTED_CPUID errors - a buffer with room for one entry fails with E2BIG ("the number of
 *            entries is too low")
 * groups:  cpuid errors host-only
 * # Host only: the check lives in cpuid-supported-e2big.host.ts; the guest just halts.
 */
	hlt
