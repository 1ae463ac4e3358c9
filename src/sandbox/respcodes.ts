import { RESPCODES, type RespKey } from '../catalogue/respcodes.js';

export { RESPCODES, type RespKey };

/** The respmsg of an error answer: the bilingual label, then what exactly was wrong. */
export function respmsg(key: RespKey, detail?: string): string {
  const { label } = RESPCODES[key];
  // Answers travel as raw k=v text: an '&' or '=' echoed from a request would split the answer.
  return detail ? `${label.zh}: ${detail.replace(/[&=\r\n]/g, ' ')}` : label.zh;
}
