// Errors the CLI maps to exit codes. Both carry a one-line message meant for the user as it is.

/** An input problem the user must fix (exit code 2): a bad flag, a malformed header, an assembler error. */
export class InputError extends Error {}

/** This host cannot run guests (exit code 3): no /dev/kvm, no permission, or the wrong API version. */
export class HostError extends Error {}
