import type { Lang, Text } from './i18n.js';
import { t, tr } from './i18n.js';

/** Where a command writes. stdout carries results only; everything for humans in passing goes to stderr. */
export interface OutputStreams {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

/**
 * The output layer every command writes through. In `--json` mode `print` is
 * refused (stdout belongs to the single JSON document) and `note`/`warn` still
 * go to stderr.
 */
export class Output {
  readonly json: boolean;
  readonly lang: Lang;
  readonly color: boolean;
  readonly streams: OutputStreams;
  readonly quiet: boolean;

  constructor(opts: {
    json: boolean;
    lang: Lang;
    streams?: OutputStreams;
    quiet?: boolean;
    color?: boolean;
  }) {
    this.json = opts.json;
    this.lang = opts.lang;
    this.streams = opts.streams ?? { stdout: process.stdout, stderr: process.stderr };
    this.quiet = opts.quiet ?? false;
    this.color =
      opts.color ??
      (!process.env.NO_COLOR && process.env.FORCE_COLOR !== '0' && !!this.streams.stdout.isTTY && !opts.json);
  }

  /** Translate a bilingual text. */
  t(text: Text | string): string {
    return tr(this.lang, text);
  }

  /** A line of the human result on stdout. */
  print(line = ''): void {
    if (this.json) return;
    this.streams.stdout.write(`${line}\n`);
  }

  /** Progress and remarks for a person: stderr, never in the way of stdout. */
  note(line: string): void {
    if (this.quiet) return;
    this.streams.stderr.write(`${line}\n`);
  }

  warn(line: string): void {
    this.streams.stderr.write(`${this.t(t('警告', 'warning'))}: ${line}\n`);
  }

  /** Write the single JSON document of `--json` mode. */
  writeJson(doc: unknown): void {
    this.streams.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  }

  /**
   * Is stderr a terminal where spinners and progress bars make sense? A terminal
   * that reports 0 columns (`script` without a size) makes ora clear lines forever.
   */
  get live(): boolean {
    const { isTTY, columns } = this.streams.stderr;
    return !!isTTY && (columns === undefined || columns > 0) && !this.quiet;
  }
}
