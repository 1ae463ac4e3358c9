import { ExitCode } from './exit-codes.js';
import type { Message } from './message.js';

/** Identifiers known when an operation failed; `--json` failures carry them so nothing is lost. */
export interface KnownIds {
  orderno?: string;
  refundno?: string;
  serialno?: string;
  transno?: string;
  [key: string]: string | undefined;
}

/** Options for {@link ImpError}. */
export interface ImpErrorOptions {
  /** Stable machine-readable code, e.g. `CONFIG_INVALID`, `FIELD_TOO_LONG`. */
  code?: string;
  ids?: KnownIds;
  /** Extra lines printed under the one-line message (e.g. every config problem, the command to run next). */
  hints?: string[];
  /** Extra JSON merged into the `--json` failure document. */
  details?: Record<string, unknown>;
  cause?: unknown;
  /**
   * The message as a code and parameters, when its words live in src/output/messages (the
   * error printer shows them in the chosen language); `message` is then their English.
   */
  said?: Message;
  /**
   * The hint lines as said (a line of its own or a code and parameters), when some have words
   * in src/output/messages: the printer shows these in the chosen language, `hints` their English.
   */
  hintsSaid?: (string | Message)[];
}

/**
 * The one error type the entry point knows how to print. Its message is one line;
 * anything else goes in `hints`. Throw a subclass, never call `process.exit`.
 */
export class ImpError extends Error {
  readonly exitCode: ExitCode;
  readonly code: string;
  readonly ids: KnownIds;
  readonly hints: string[];
  readonly details: Record<string, unknown>;
  readonly said?: Message;
  readonly hintsSaid?: (string | Message)[];

  constructor(message: string, exitCode: ExitCode, options: ImpErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.code = options.code ?? 'ERROR';
    this.ids = options.ids ?? {};
    this.hints = options.hints ?? [];
    this.details = options.details ?? {};
    if (options.said) this.said = options.said;
    if (options.hintsSaid) this.hintsSaid = options.hintsSaid;
  }
}

/** Bad command line or input file (exit 2). */
export class UsageError extends ImpError {
  constructor(message: string, options: ImpErrorOptions = {}) {
    super(message, ExitCode.usage, { code: 'USAGE', ...options });
  }
}

/** Bad or missing configuration, key file or secret (exit 2). */
export class ConfigError extends ImpError {
  constructor(message: string, options: ImpErrorOptions = {}) {
    super(message, ExitCode.usage, { code: 'CONFIG', ...options });
  }
}

/** The platform answered with a failure (exit 1). */
export class BusinessError extends ImpError {
  constructor(message: string, options: ImpErrorOptions = {}) {
    super(message, ExitCode.business, { code: 'BUSINESS', ...options });
  }
}

/** Timeout, dropped connection, HTTP 5xx: the operation may or may not have happened (exit 3). */
export class UnknownOutcomeError extends ImpError {
  constructor(message: string, options: ImpErrorOptions = {}) {
    super(message, ExitCode.unknown, { code: 'OUTCOME_UNKNOWN', ...options });
  }
}

/**
 * The request never left (connection refused, DNS failure, TLS handshake failure, connect
 * timeout: no byte of the body was written): nothing was sent, running it again is safe (exit 7).
 */
export class NotSentError extends ImpError {
  constructor(message: string, options: ImpErrorOptions = {}) {
    super(message, ExitCode.unreachable, { code: 'NOT_SENT', ...options });
  }
}

/** A signature did not verify (exit 4). */
export class SignatureError extends ImpError {
  constructor(message: string, options: ImpErrorOptions = {}) {
    super(message, ExitCode.signature, { code: 'SIGNATURE', ...options });
  }
}

/** A reconciliation file is not (yet) on the server (exit 6). */
export class NotYetError extends ImpError {
  constructor(message: string, options: ImpErrorOptions = {}) {
    super(message, ExitCode.notYet, { code: 'NOT_YET', ...options });
  }
}
