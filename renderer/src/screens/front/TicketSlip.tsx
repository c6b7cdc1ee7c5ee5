import { useTranslation } from 'react-i18next';
import type { IssuedTicket } from '../../../../shared/api/channels/tickets';

export type SlipPaper = '80mm' | 'a4';

/**
 * A ticket as printed (取号凭条): on an 80 mm receipt printer, or on A4 as a fallback (print CSS in front.css,
 * named pages `ticket80` and `ticketA4`). Number, category, time, people ahead; nothing personal.
 */
export function TicketSlip({ ticket, paper }: { ticket: IssuedTicket; paper: SlipPaper }) {
  const { t } = useTranslation();
  const time = ticket.issuedAt.slice(0, 16).replace('T', ' ');
  return (
    <section className={`ticket-slip ticket-slip-${paper}`} aria-label={t('frontOffice.slip.label', { number: ticket.number })} data-testid="ticket-slip">
      <div className="slip-station">{ticket.stationName}</div>
      <div className="slip-category">{ticket.categoryName}</div>
      <div className="slip-number">{ticket.number}</div>
      {ticket.priority ? <div className="slip-priority">{t('frontOffice.slip.priority', { reason: t(`frontOffice.priority.${ticket.priority}`) })}</div> : null}
      {ticket.slot ? <div className="slip-priority">{t('frontOffice.slip.appointment', { slot: ticket.slot })}</div> : null}
      <div className="slip-ahead">{t('frontOffice.slip.ahead', { n: ticket.waitingAhead })}</div>
      <div className="slip-time">{time}</div>
      <div className="slip-note">{t('frontOffice.slip.note')}</div>
    </section>
  );
}
