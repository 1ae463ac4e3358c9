/** Display language. */
export type Lang = 'zh' | 'en';

/** A label or message in both languages; the catalogue and renderers use this. */
export interface Text {
  zh: string;
  en: string;
}

/** Pick the language: an explicit choice, else `LANG`/`LC_ALL` starting with `zh`, else English. */
export function detectLang(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): Lang {
  if (explicit === 'zh' || explicit === 'en') return explicit;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function tr(lang: Lang, text: Text | string): string {
  return typeof text === 'string' ? text : text[lang];
}

/** Shorthand for building a {@link Text}. */
export function t(zh: string, en: string): Text {
  return { zh, en };
}
