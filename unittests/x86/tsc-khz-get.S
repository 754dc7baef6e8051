/*
 * feature: KVM_GET_TSC_KHZ - reports the guest's TSC frequency in kHz, a positive value
 * groups:  vcpu tsc host-only
 * requires: KVM_CAP_GET_TSC_KHZ
 * # Host only: the check lives in tsc-khz-get.host.ts; the guest just halts. On a host whose TSC is unstable
 * # the ioctl fails with EIO, and the test with it.
 */
	hlt
