import type { Attachment } from '../../../../shared/api/channels/attachments';

/** What a signature on screen is for: the 授权委托书, or the receipt's signature line (受理回执). */
export type SignaturePurpose = 'authorisation' | 'receipt';
export type Signer = 'applicant' | 'agent';

/** The attachment's file name says what a signature is (the printed documents find it by that name). */
export function signatureFileName(purpose: SignaturePurpose, signer: Signer): string {
  return `signature-${purpose}-${signer}.png`;
}

/** The latest signature of a case for a purpose (and signer, when given). */
export function findSignature(attachments: readonly Attachment[], purpose: SignaturePurpose, signer?: Signer): Attachment | null {
  const names = signer ? [signatureFileName(purpose, signer)] : (['applicant', 'agent'] as const).map((s) => signatureFileName(purpose, s));
  const found = attachments.filter((a) => a.mime === 'image/png' && names.includes(a.fileName));
  return found.length > 0 ? found[found.length - 1]! : null;
}
