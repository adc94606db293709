/**
 * A reason the program cannot start or run a command, written for the operator: one line naming
 * what is wrong and what to do, Chinese then English. main.ts prints it without a stack trace and
 * exits non-zero; nothing has been changed when it is thrown.
 */
export class StartupError extends Error {
  constructor(zh: string, en: string) {
    super(`错误：${zh} / error: ${en}`);
  }

  /** Several problems found at once, each already a bilingual line. */
  static lines(lines: string[]): StartupError {
    const err = new StartupError('', '');
    err.message = lines.map((l) => `错误：${l}`).join('\n');
    return err;
  }
}
