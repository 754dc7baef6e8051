// Errors the CLI maps to exit codes, and the codes. Both errors carry a one-line message meant for the
// user as it is.

/** The documented exit codes (README, "Exit codes"). */
export const EXIT = { ok: 0, failed: 1, input: 2, host: 3, bisectSkip: 125 } as const;

/** An input problem the user must fix (exit code 2): a bad flag, a malformed header, an assembler error. */
export class InputError extends Error {}

/** This host cannot run guests (exit code 3): no /dev/kvm, no permission, or the wrong API version. */
export class HostError extends Error {}
