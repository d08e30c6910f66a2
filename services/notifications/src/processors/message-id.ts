import { createHash } from 'node:crypto';

// The UUID namespace of prizedraw's customer messages (RFC 9562 name-based ids); fixed forever, or every
// message id changes and a replay would show customers their messages again.
const NAMESPACE = Buffer.from('6a1f0c2e9d4b4f7a8e3c5b2d1a0f9e8c', 'hex');

/**
 * The id of the message made from source event `sourceEventId` as `messageType`: a UUID v5 (SHA-1, name
 * `${sourceEventId}:${messageType}`), so the same source event always yields the same id and a replay or a
 * redelivery after a crash is recognised by the gateway, the browser and the queue as the same message.
 */
export function messageIdOf(sourceEventId: string, messageType: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(`${sourceEventId}:${messageType}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50; // version 5
  hash[8] = (hash[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
