/**
 * @vp-contact/counsellor: the counsellor's side of vp-contact as a library, for providers who
 * build their own case system on it. The vp-counsellor command is a thin layer over these.
 *
 *   const client = new RelayClient({ relay, mailbox, token });
 *   const inbox = await Inbox.open('inbox', { create: true });
 *   await pull({ client, inbox });                     // durable, then acknowledged
 *   const key = await unlockPrivateKey(armored, passphrase);
 *   for (const item of await readInbox(inbox, [key])) …  // plaintext in memory only
 */
export { CounsellorError, isCounsellorError, type CounsellorErrorCode, type ErrorData } from './errors.js';
export { RelayClient, isLoopbackHost, relayUrl, type RelayClientOptions, type RequestPage, type WaitingRequest } from './relay-client.js';
export { REQUEST_ID_PATTERN } from '@vp-contact/protocol/http';
export { Inbox, entryFileName, type InboxEntry, type StoreResult } from './inbox.js';
export { pull, type PullOptions, type PullProgress, type PullResult } from './pull.js';
export {
  decryptRequest,
  findInboxRequest,
  readInbox,
  readInboxRequest,
  unlockPrivateKey,
  type InboxRequest,
  type UnreadableRequest,
  type PassphraseSource,
} from './decrypt.js';
export { generateProviderKey, KEY_FILES, MIN_PASSPHRASE_LENGTH, type KeygenOptions, type KeygenResult } from './keygen.js';
export { makeMailboxCard, usableEncryptionKeys, type MadeCard, type MakeCardOptions } from './card.js';
export { rotateEncryptionSubkey, ROTATE_FILES, type RevocationReason, type RotateOptions, type RotateResult } from './rotate.js';
export { CounsellorConfigSchema, CONFIG_FILE_NAME, readConfig, findConfig, userConfigFile, type CounsellorConfig } from './config.js';
export { printable, printableJson } from './printable.js';
export { isOpenToOthers } from './private-file.js';
export { inPool } from './pool.js';
export { formatRequest, formatTable, hoursLeft } from './format.js';
export { detectLang, messages, type Lang } from './i18n.js';
