/*
 * feature: KVM_EXIT_SHUTDOWN - with an IDT of limit 0, int3 cannot be delivered (#GP, then #DF, then a
 *            triple fault), and KVM_RUN exits with KVM_EXIT_SHUTDOWN
 * groups:  exits shutdown
 * mode:    protected
 * exits:   exact
 * expect:  exit shutdown
 * expect:  final shutdown
 */
	lidt	empty_idt
	int3
	hlt
	.balign	8
empty_idt:
	.word	0		/* limit */
	.long	0		/* base */
