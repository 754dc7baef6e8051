/*
 * feature: KVM_SET_REGS - every GPR, RIP and RFLAGS set by the host are what the guest sees: it stores
 *            the sixteen GPRs and CF to memory (RIP from the host skips the ud2 at the entry)
 * groups:  modes regs
 * mode:    long
 * reg:     rax=0x8070605040302010 rbx=0x8171615141312111 rcx=0x8272625242322212 rdx=0x8373635343332313
 * reg:     rsi=0x8474645444342414 rdi=0x8575655545352515 rsp=0x8676665646362616 rbp=0x8777675747372717
 * reg:     r8=0x8878685848382818 r9=0x8979695949392919 r10=0x8a7a6a5a4a3a2a1a r11=0x8b7b6b5b4b3b2b1b
 * reg:     r12=0x8c7c6c5c4c3c2c1c r13=0x8d7d6d5d4d3d2d1d r14=0x8e7e6e5e4e3e2e1e r15=0x8f7f6f5f4f3f2f1f
 * reg:     rip=0x1002 rflags=0x3
 * exits:   exact
 * expect:  exit hlt
 * expect:  mem 0x3000 u64=0x8070605040302010
 * expect:  mem 0x3008 u64=0x8171615141312111
 * expect:  mem 0x3010 u64=0x8272625242322212
 * expect:  mem 0x3018 u64=0x8373635343332313
 * expect:  mem 0x3020 u64=0x8474645444342414
 * expect:  mem 0x3028 u64=0x8575655545352515
 * expect:  mem 0x3030 u64=0x8676665646362616
 * expect:  mem 0x3038 u64=0x8777675747372717
 * expect:  mem 0x3040 u64=0x8878685848382818
 * expect:  mem 0x3048 u64=0x8979695949392919
 * expect:  mem 0x3050 u64=0x8a7a6a5a4a3a2a1a
 * expect:  mem 0x3058 u64=0x8b7b6b5b4b3b2b1b
 * expect:  mem 0x3060 u64=0x8c7c6c5c4c3c2c1c
 * expect:  mem 0x3068 u64=0x8d7d6d5d4d3d2d1d
 * expect:  mem 0x3070 u64=0x8e7e6e5e4e3e2e1e
 * expect:  mem 0x3078 u64=0x8f7f6f5f4f3f2f1f
 * expect:  mem 0x3080 01
 */
	ud2				/* the host's RIP skips this */
	mov	%rax, 0x3000
	mov	%rbx, 0x3008
	mov	%rcx, 0x3010
	mov	%rdx, 0x3018
	mov	%rsi, 0x3020
	mov	%rdi, 0x3028
	mov	%rsp, 0x3030
	mov	%rbp, 0x3038
	mov	%r8, 0x3040
	mov	%r9, 0x3048
	mov	%r10, 0x3050
	mov	%r11, 0x3058
	mov	%r12, 0x3060
	mov	%r13, 0x3068
	mov	%r14, 0x3070
	mov	%r15, 0x3078
	setc	0x3080			/* CF from the host's RFLAGS */
	hlt
