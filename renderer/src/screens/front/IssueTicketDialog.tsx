import { useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { IssuedTicket } from '../../../../shared/api/channels/tickets';
import { PRIORITY_REASONS, type PriorityReason } from '../../../../shared/front/tickets';
import { api } from '../../api/client';
import { Modal } from '../../components/Modal';
import { Field, inputAria } from '../../components/Field';
import { useApiQuery } from '../../hooks/useApiQuery';
import { fieldErrorFrom, type FieldErrors } from '../../lib/errors';
import { TicketSlip, type SlipPaper } from './TicketSlip';

const PAPER_KEY = 'yibao.ticketPaper';

/** Print only the ticket slip (the rest of the page is hidden while printing: front.css `printing-slip`). */
export function printSlip(): void {
  document.body.classList.add('printing-slip');
  const done = () => {
    document.body.classList.remove('printing-slip');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}

/** A ticket for a walk-in, taken by the clerk (F7): category, green-lane reason, ID number or name; printed at once. */
export function IssueTicketDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const hall = useApiQuery('tickets.hall', {});
  const categories = (hall.data?.categories ?? []).filter((c) => c.active);
  const [category, setCategory] = useState('');
  const [priority, setPriority] = useState<PriorityReason | ''>('');
  const [idNumber, setIdNumber] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [ticket, setTicket] = useState<IssuedTicket | null>(null);
  const [paper, setPaper] = useState<SlipPaper>(() => (localStorage.getItem(PAPER_KEY) === 'a4' ? 'a4' : '80mm'));
  const chosen = category || categories[0]?.code || '';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await api().invoke('tickets.issue', {
      category: chosen,
      priority: priority === '' ? null : priority,
      ...(idNumber.trim() ? { idNumber: idNumber.trim() } : {}),
      ...(name.trim() ? { name: name.trim() } : {}),
    });
    if (!r.ok) {
      setErrors(fieldErrorFrom(r.error));
      if (!r.error.field) setErrors({ category: r.error.message });
      return;
    }
    setTicket(r.value);
  };

  const print = (p: SlipPaper) => {
    setPaper(p);
    localStorage.setItem(PAPER_KEY, p);
    window.setTimeout(() => printSlip(), 50);
  };

  return (
    <Modal
      title={t('frontOffice.issue.title')}
      onClose={onClose}
      actions={
        ticket ? (
          <>
            <button type="button" className="primary" onClick={() => print('80mm')}>
              {t('frontOffice.issue.print80')}
            </button>
            <button type="button" onClick={() => print('a4')}>
              {t('frontOffice.issue.printA4')}
            </button>
            <button type="button" onClick={onClose}>
              {t('common.close')}
            </button>
          </>
        ) : null
      }
    >
      {ticket ? (
        <>
          <TicketSlip ticket={ticket} paper={paper} />
          {createPortal(
            <div className="print-slip-root">
              <TicketSlip ticket={ticket} paper={paper} />
            </div>,
            document.body,
          )}
        </>
      ) : (
        <form onSubmit={submit} noValidate className="issue-form">
          <Field id="issue-category" label={t('frontOffice.issue.category')} required error={errors.category}>
            <select {...inputAria('issue-category', null, errors.category)} value={chosen} onChange={(e) => setCategory(e.target.value)}>
              {categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.letter} {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="issue-priority" label={t('frontOffice.issue.priority')} error={errors.priority}>
            <select {...inputAria('issue-priority', null, errors.priority)} value={priority} onChange={(e) => setPriority(e.target.value as PriorityReason | '')}>
              <option value="">{t('frontOffice.issue.noPriority')}</option>
              {PRIORITY_REASONS.map((r) => (
                <option key={r} value={r}>
                  {t(`frontOffice.priority.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id="issue-id" label={t('frontOffice.issue.idNumber')} hint={t('frontOffice.issue.idHint')} error={errors.idNumber}>
            <input {...inputAria('issue-id', t('frontOffice.issue.idHint'), errors.idNumber)} value={idNumber} onChange={(e) => setIdNumber(e.target.value)} autoComplete="off" />
          </Field>
          <Field id="issue-name" label={t('frontOffice.issue.name')} error={errors.name}>
            <input {...inputAria('issue-name', null, errors.name)} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
          </Field>
          <button type="submit" className="primary">
            {t('frontOffice.issue.submit')}
          </button>
        </form>
      )}
    </Modal>
  );
}
