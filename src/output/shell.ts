/** Quote an argument for a POSIX shell only when it needs it (command lines imp prints for a person). */
export function shellArg(arg: string): string {
  return /^[\w./:=@%+,-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** `imp <args…>` as a person would type it: the line a shell splits back into exactly `args`. */
export function impLine(args: readonly string[]): string {
  return ['imp', ...args].map(shellArg).join(' ');
}
