import { useApiQuery } from '../../hooks/useApiQuery';
import { SignatureImage } from './CaptureScreen';
import { findSignature } from './signatures';

/** On the receipt's signature line: the on-screen signature made for it, when there is one (else the line stays blank to sign on paper). */
export function ReceiptSignature({ caseId }: { caseId: string }) {
  const atts = useApiQuery('attachments.list', { caseId });
  const s = findSignature(atts.data ?? [], 'receipt');
  return s ? (
    <span data-testid="receipt-signature">
      <SignatureImage id={s.id} />
    </span>
  ) : null;
}
