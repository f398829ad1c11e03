export { PASSPHRASE, makeKeyPair, makeKeys, unlocked, type KeyPair, type KeyPairOptions, type Keys } from './keys.js';
export { encryptedRequest, validRequest } from './requests.js';
export { MAILBOX, cardPayload, makeCard } from './cards.js';
export { Gpg } from './gpg.js';
export { RELAY_BIN, freePort, runRelayCommand, startRelay, type Exit, type RelayProcess, type RunResult, type StartRelayOptions } from './relay-process.js';
export { tempDir } from './temp-dir.js';
export { armor, concat, packet, unarmor } from './packets.js';
export { relayConfig, writeRelayConfig, type RelayConfigOptions } from './relay-config.js';
