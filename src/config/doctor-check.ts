import { type Message, msg } from '../core/message.js';

/** ok ✔, warn ⚠ (allowed, exit 0), error ✖ (exit 2). */
export type CheckLevel = 'ok' | 'warn' | 'error';

/** Every message of `imp config doctor` (words: src/output/messages/doctor.ts); `plain` is said as is. */
export type DoctorCode =
  | 'plain'
  | 'perm-open'
  | 'perm-ok'
  | 'key-matches'
  | 'key-mismatch'
  | 'cert-not-yet'
  | 'cert-expired'
  | 'cert-expiring'
  | 'cert-valid'
  | 'baseurl-missing'
  | 'allow-insecure'
  | 'http-allowed'
  | 'http-refused'
  | 'sftp-incomplete'
  | 'host-key-pinned'
  | 'host-key-unpinned'
  | 'ftps'
  | 'ftp-loopback'
  | 'ftp-plain-allowed'
  | 'ftp-plain-refused'
  | 'config-ok'
  | 'apikey-inline'
  | 'apikey-missing'
  | 'merchant-key-unavailable';

/** One line of `imp config doctor`. */
export interface Check {
  name: string;
  level: CheckLevel;
  message: Message<DoctorCode>;
}

/** A message said as it is (a path, a masked key, an error's own words). */
export const same = (text: string) => msg('plain' as const, { text });
