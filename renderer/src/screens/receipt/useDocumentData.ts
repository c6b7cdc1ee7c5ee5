import { useApiQuery } from '../../hooks/useApiQuery';
import { useCaseView } from '../cases/useCaseView';

/** What the receipt and the 一次性告知书 print: the case view, its catalog item (time limit, material notes), and who took it in. */
export function useDocumentData(caseId: string) {
  const { view, error } = useCaseView(caseId);
  const item = useApiQuery('catalog.get', view ? { code: view.case.itemCode } : null);
  return { view, item: item.data, error: error ?? item.error, clerkName: view?.clerkName ?? '' };
}
