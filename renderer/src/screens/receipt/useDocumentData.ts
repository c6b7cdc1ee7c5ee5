import { useApiQuery } from '../../hooks/useApiQuery';
import { useCaseView } from '../cases/useCaseView';

/** What the receipt and the 一次性告知书 print: the case view and its catalog item (time limit, material notes). */
export function useDocumentData(caseId: string) {
  const { view, error } = useCaseView(caseId);
  const item = useApiQuery('catalog.get', view ? { code: view.case.itemCode } : null);
  const clerk = view ? [...view.events].reverse().find((e) => e.kind === 'accept' || e.kind === 'accept_rongque' || e.kind === 'created') : undefined;
  return { view, item: item.data, error: error ?? item.error, clerkName: clerk?.actorName ?? '' };
}
