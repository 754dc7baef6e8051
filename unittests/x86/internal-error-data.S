/*
 * feature: KVM_CAP_INTERNAL_ERROR_DATA - without KVM_CAP_EXIT_ON_EMULATION_FAILURE, an instruction KVM cannot
 *            emulate at CPL 0 (flds from MMIO) still exits KVM_EXIT_INTERNAL_ERROR (suberror EMULATION) with
 *            ndata and data: the flags, the instruction bytes, then the VM exit's reason and information
 * groups:  exits emulator internal-error
 * requires: KVM_CAP_INTERNAL_ERROR_DATA
 * mode:    long
 * # The capability says kvm_run.internal carries ndata/data. For an emulation failure KVM fills data[0]
 * # (flags, with KVM_INTERNAL_ERROR_EMULATION_FLAG_INSTRUCTION_BYTES), data[1..2] (insn_size, insn_bytes),
 * # and data[3..7] from the vendor's get_exit_info: exit reason, info 1, info 2, interrupt info, error
 * # code: 8 entries. internal-error-data.host.ts checks them; on AMD the exit is #NPF (0x400) with the
 * # faulting GPA, 0x10000000, in info 2. KVM also queues a #UD that a further KVM_RUN would deliver.
 * exits:   exact
 * expect:  exit internal_error suberror=1
 * expect:  final internal_error suberror=1
 * expect:  regs rip=0x1005 rbx=0x10000000
 */
	mov	$0x10000000, %ebx	/* beyond RAM: MMIO */
	flds	(%rbx)			/* d9 03 at 0x1005: RIP stays here */
	hlt
