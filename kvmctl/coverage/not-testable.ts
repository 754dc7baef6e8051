// The capabilities that only announce something and have no behaviour of their own that a test could
// observe: `kvmctl coverage` marks them "not testable" and leaves them out of its ratio. This is the one
// table of them; an entry needs a reason a kernel developer would accept. A capability whose ioctl,
// exit, field, MSR or error KVM still implements is testable, however old (KVM_CAP_USER_NMI is KVM_NMI,
// KVM_CAP_INTERNAL_ERROR_DATA the data of KVM_EXIT_INTERNAL_ERROR), even where this host cannot run its
// test (KVM_CAP_SGX_ATTRIBUTE without SGX).
export const NOT_TESTABLE: Readonly<Record<string, string>> = {
  KVM_CAP_DESTROY_MEMORY_REGION_WORKS:
    'announces a fixed bug in deleting memory regions (<linux/kvm.h>); deleting a slot is KVM_SET_USER_MEMORY_REGION, KVM_CAP_USER_MEMORY',
  KVM_CAP_JOIN_MEMORY_REGIONS_WORKS:
    'announces "another bug in KVM_SET_USER_MEMORY_REGION fixed" (<linux/kvm.h>); no ioctl, flag or field of its own',
  KVM_CAP_NOP_IO_DELAY:
    'tells guests they may skip port-0x80 I/O delays (KVM_FEATURE_NOP_IO_DELAY); KVM itself does nothing different',
  KVM_CAP_PCI_SEGMENT:
    'announced the segment field of KVM_ASSIGN_PCI_DEVICE, removed with device assignment in Linux 4.12; still reported',
  KVM_CAP_NR_VCPUS:
    'a recommended vCPU count (the online host CPUs); KVM enforces KVM_CAP_MAX_VCPUS and nothing at this number',
};
