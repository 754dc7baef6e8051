/*
 * feature: KVM_GET_CPUID2 - reads back the vCPU's CPUID as KVM_SET_CPUID2 gave it: as many entries, the same leaves
 *            in the same order, and a leaf the header added with its values; a buffer one entry short is E2BIG
 * groups:  vcpu cpuid host-only
 * cpuid:   0x40000010 eax=0x11111111 ebx=0x22222222 ecx=0x33333333 edx=0x44444444
 * # Host only: cpuid-get.host.ts compares KVM_GET_CPUID2 with what the runner set (the supported CPUID with
 * # the header's entry added). KVM updates a few bits of the entries itself (OSXSAVE, the APIC bit, XSAVE
 * # sizes), so apart from the added leaf and leaf 0 only the order of the leaves is compared. 6.1 never
 * # copies nent back (x86.c copies the header out only on success, and sets nent only on E2BIG), so the
 * # rest of the buffer must be untouched zeroes. The guest just halts.
 */
	hlt
