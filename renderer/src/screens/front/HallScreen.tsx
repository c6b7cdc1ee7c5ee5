import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hall } from '../../../../shared/api/channels/tickets';
import type { ApiError } from '../../../../shared/api/errors';
import { DEVICE_KINDS, type DeviceKind } from '../../../../shared/roles';
import { api } from '../../api/client';
import { sessionToken } from '../../api/token';
import { ScreenHeading } from '../../components/ScreenHeading';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field, inputAria } from '../../components/Field';
import { useApiEvent } from '../../hooks/useApiEvent';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useNotify } from '../../state/notify';
import { useUser } from '../../state/session';
import { fieldErrorFrom, type FieldErrors } from '../../lib/errors';
import { todayShanghai } from '../../lib/dates';
import '../../styles/front.css';

/**
 * 大厅 (the hall): today's tickets and appointments for clerks and supervisors; for supervisors also the ticket
 * categories and windows, and the public screens' credentials (叫号屏, 取号机).
 */
export default function HallScreen() {
  const { t } = useTranslation();
  const user = useUser();
  const [day] = useState(todayShanghai);
  const tickets = useApiQuery('tickets.list', { day });
  const appointments = useApiQuery('tickets.appointments', { day });
  useApiEvent('front.changed', () => {
    tickets.reload();
    appointments.reload();
  });
  const sup = user.role === 'supervisor';
  return (
    <div className="hall-screen">
      <ScreenHeading>{t('frontOffice.hall.title')}</ScreenHeading>
      <section className="card" aria-labelledby="hall-tickets">
        <h2 id="hall-tickets">{t('frontOffice.hall.tickets', { day })}</h2>
        <ErrorBanner error={tickets.error} />
        <table className="table" data-testid="hall-tickets">
          <thead>
            <tr>
              <th scope="col">{t('frontOffice.hall.number')}</th>
              <th scope="col">{t('frontOffice.hall.status')}</th>
              <th scope="col">{t('frontOffice.hall.priority')}</th>
              <th scope="col">{t('frontOffice.hall.name')}</th>
              <th scope="col">{t('frontOffice.hall.window')}</th>
              <th scope="col">{t('frontOffice.hall.issuedAt')}</th>
              <th scope="col">{t('frontOffice.hall.cases')}</th>
            </tr>
          </thead>
          <tbody>
            {(tickets.data?.tickets ?? []).map((x) => (
              <tr key={x.id}>
                <td className="mono">{x.number}</td>
                <td>{t(`frontOffice.status.${x.status}`)}{x.targetWindow ? ` → ${x.targetWindow}` : ''}</td>
                <td>{x.priority ? t(`frontOffice.priority.${x.priority}`) : ''}</td>
                <td>{x.maskedName ?? ''}</td>
                <td>{x.windowNo ?? ''}</td>
                <td className="mono">{x.issuedAt.slice(11, 16)}</td>
                <td className="mono small">{x.caseNos.join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <Appointments day={day} list={appointments.data ?? []} error={appointments.error} onChange={appointments.reload} />
      {sup ? <HallConfig /> : null}
      {sup ? <Devices /> : null}
    </div>
  );
}

function Appointments({ day, list, error, onChange }: { day: string; list: NonNullable<ReturnType<typeof useApiQuery<'tickets.appointments'>>['data']>; error: ApiError | null; onChange: () => void }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const hall = useApiQuery('tickets.hall', {});
  const [form, setForm] = useState({ day, slotStart: '09:00', slotEnd: '09:30', category: '', name: '', idNumber: '', phone: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const categories = (hall.data?.categories ?? []).filter((c) => c.active);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await api().invoke('tickets.book', { ...form, category: form.category || categories[0]?.code || '', ...(form.phone ? {} : { phone: undefined }) });
    if (!r.ok) {
      setErrors(r.error.field ? fieldErrorFrom(r.error) : { name: r.error.message });
      return;
    }
    setErrors({});
    notify('success', t('frontOffice.appt.booked', { code: r.value.code }));
    setForm({ ...form, name: '', idNumber: '', phone: '' });
    onChange();
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <section className="card" aria-labelledby="hall-appts">
      <h2 id="hall-appts">{t('frontOffice.appt.title')}</h2>
      <ErrorBanner error={error} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('frontOffice.appt.slot')}</th>
            <th scope="col">{t('frontOffice.hall.name')}</th>
            <th scope="col">{t('frontOffice.appt.idNumber')}</th>
            <th scope="col">{t('frontOffice.appt.code')}</th>
            <th scope="col">{t('frontOffice.hall.status')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <tr key={a.id}>
              <td className="mono">
                {a.day} {a.slotStart}–{a.slotEnd}
              </td>
              <td>{a.name}</td>
              <td className="mono">{a.idNumberMasked}</td>
              <td className="mono">{a.code}</td>
              <td>{t(`frontOffice.appt.status.${a.status}`)}{a.ticketNumber ? ` · ${a.ticketNumber}` : ''}</td>
              <td>
                {a.status === 'booked' ? (
                  <button
                    type="button"
                    onClick={async () => {
                      const r = await api().invoke('tickets.cancelAppointment', { id: a.id });
                      if (!r.ok) notify('error', r.error.message);
                      onChange();
                    }}
                  >
                    {t('frontOffice.appt.cancel')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="appt-form" onSubmit={submit} noValidate>
        <Field id="appt-day" label={t('frontOffice.appt.day')} error={errors.day}>
          <input type="date" {...inputAria('appt-day', null, errors.day)} value={form.day} onChange={set('day')} />
        </Field>
        <Field id="appt-start" label={t('frontOffice.appt.start')} error={errors.slotStart}>
          <input type="time" {...inputAria('appt-start', null, errors.slotStart)} value={form.slotStart} onChange={set('slotStart')} />
        </Field>
        <Field id="appt-end" label={t('frontOffice.appt.end')} error={errors.slotEnd}>
          <input type="time" {...inputAria('appt-end', null, errors.slotEnd)} value={form.slotEnd} onChange={set('slotEnd')} />
        </Field>
        <Field id="appt-category" label={t('frontOffice.issue.category')} error={errors.category}>
          <select {...inputAria('appt-category', null, errors.category)} value={form.category || categories[0]?.code || ''} onChange={set('category')}>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.letter} {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="appt-name" label={t('frontOffice.hall.name')} required error={errors.name}>
          <input {...inputAria('appt-name', null, errors.name)} value={form.name} onChange={set('name')} />
        </Field>
        <Field id="appt-id" label={t('frontOffice.appt.idNumber')} required error={errors.idNumber}>
          <input {...inputAria('appt-id', null, errors.idNumber)} value={form.idNumber} onChange={set('idNumber')} autoComplete="off" />
        </Field>
        <Field id="appt-phone" label={t('frontOffice.appt.phone')} error={errors.phone}>
          <input {...inputAria('appt-phone', null, errors.phone)} value={form.phone} onChange={set('phone')} />
        </Field>
        <button type="submit" className="primary">
          {t('frontOffice.appt.book')}
        </button>
      </form>
    </section>
  );
}

function HallConfig() {
  const hall = useApiQuery('tickets.hall', {});
  return hall.data ? <HallConfigForm initial={hall.data} /> : null;
}

function HallConfigForm({ initial }: { initial: Hall }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const [draft, setDraft] = useState<Hall>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [apiError, setApiError] = useState<ApiError | null>(null);
  const save = async () => {
    const r = await api().invoke('tickets.saveHall', draft);
    if (!r.ok) {
      setApiError(r.error);
      setErrors(fieldErrorFrom(r.error));
      return;
    }
    setApiError(null);
    setErrors({});
    setDraft(r.value);
    notify('success', t('frontOffice.config.saved'));
  };
  const cat = (i: number, patch: Partial<Hall['categories'][number]>) => setDraft({ ...draft, categories: draft.categories.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  const win = (i: number, patch: Partial<Hall['windows'][number]>) => setDraft({ ...draft, windows: draft.windows.map((w, j) => (j === i ? { ...w, ...patch } : w)) });
  return (
    <section className="card" aria-labelledby="hall-config">
      <h2 id="hall-config">{t('frontOffice.config.title')}</h2>
      <ErrorBanner error={apiError} />
      <h3>{t('frontOffice.config.categories')}</h3>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('frontOffice.config.letter')}</th>
            <th scope="col">{t('frontOffice.config.name')}</th>
            <th scope="col">{t('frontOffice.config.code')}</th>
            <th scope="col">{t('frontOffice.config.active')}</th>
          </tr>
        </thead>
        <tbody>
          {draft.categories.map((c, i) => (
            <tr key={c.code}>
              <td>
                <input aria-label={t('frontOffice.config.letterOf', { name: c.name })} aria-invalid={errors[`categories.${i}.letter`] ? true : undefined} className="input-letter" value={c.letter} maxLength={1} onChange={(e) => cat(i, { letter: e.target.value.toUpperCase() })} />
              </td>
              <td>
                <input aria-label={t('frontOffice.config.nameOf', { code: c.code })} value={c.name} onChange={(e) => cat(i, { name: e.target.value })} />
              </td>
              <td className="mono small">{c.code}</td>
              <td>
                <input type="checkbox" aria-label={t('frontOffice.config.activeOf', { name: c.name })} checked={c.active} onChange={(e) => cat(i, { active: e.target.checked })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() => {
          const used = new Set(draft.categories.map((c) => c.letter));
          const letter = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').find((l) => !used.has(l)) ?? 'Z';
          setDraft({ ...draft, categories: [...draft.categories, { code: `cat_${letter.toLowerCase()}`, letter, name: t('frontOffice.config.newCategory'), sort: (draft.categories.length + 1) * 10, active: true }] });
        }}
      >
        {t('frontOffice.config.addCategory')}
      </button>
      <h3>{t('frontOffice.config.windows')}</h3>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('frontOffice.config.windowNo')}</th>
            <th scope="col">{t('frontOffice.config.name')}</th>
            <th scope="col">{t('frontOffice.config.serves')}</th>
            <th scope="col">{t('frontOffice.config.open')}</th>
          </tr>
        </thead>
        <tbody>
          {draft.windows.map((w, i) => (
            <tr key={i}>
              <td className="mono">{w.no}</td>
              <td>
                <input aria-label={t('frontOffice.config.windowName', { no: w.no })} value={w.name} onChange={(e) => win(i, { name: e.target.value })} />
              </td>
              <td>
                {draft.categories.map((c) => (
                  <label key={c.code} className="inline-check">
                    <input
                      type="checkbox"
                      checked={w.categories.includes(c.code)}
                      onChange={(e) => win(i, { categories: e.target.checked ? [...w.categories, c.code] : w.categories.filter((x) => x !== c.code) })}
                    />{' '}
                    {c.letter} {c.name}
                  </label>
                ))}
              </td>
              <td>
                <input type="checkbox" aria-label={t('frontOffice.config.openOf', { no: w.no })} checked={w.active} onChange={(e) => win(i, { active: e.target.checked })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="card-actions">
        <button
          type="button"
          onClick={() => {
            const no = Math.max(0, ...draft.windows.map((w) => w.no)) + 1;
            setDraft({ ...draft, windows: [...draft.windows, { no, name: t('frontOffice.config.defaultWindowName', { no }), categories: draft.categories.filter((c) => c.active).map((c) => c.code), active: true }] });
          }}
        >
          {t('frontOffice.config.addWindow')}
        </button>
        <button type="button" className="primary" onClick={() => void save()}>
          {t('frontOffice.config.save')}
        </button>
      </div>
    </section>
  );
}

function Devices() {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const devices = useApiQuery('devices.list', {});
  const hall = useApiQuery('tickets.hall', {});
  const [form, setForm] = useState<{ kind: DeviceKind; name: string; windowNo: string }>({ kind: 'display', name: '', windowNo: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [issued, setIssued] = useState<{ kind: DeviceKind; key: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await api().invoke('devices.issue', { kind: form.kind, name: form.name, windowNo: form.kind === 'display' && form.windowNo ? Number(form.windowNo) : null });
    if (!r.ok) {
      setErrors(r.error.field ? fieldErrorFrom(r.error) : { name: r.error.message });
      return;
    }
    setErrors({});
    setIssued({ kind: r.value.device.kind, key: r.value.key });
    devices.reload();
  };
  const link = issued ? `${window.location.origin}/${issued.kind}#token=${encodeURIComponent(sessionToken() ?? '')}&device=${issued.key}` : '';
  return (
    <section className="card" aria-labelledby="hall-devices">
      <h2 id="hall-devices">{t('frontOffice.devices.title')}</h2>
      <p className="muted small">{t('frontOffice.devices.hint')}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('frontOffice.devices.name')}</th>
            <th scope="col">{t('frontOffice.devices.kind')}</th>
            <th scope="col">{t('frontOffice.hall.window')}</th>
            <th scope="col">{t('frontOffice.devices.lastSeen')}</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {(devices.data ?? []).map((d) => (
            <tr key={d.id}>
              <td>{d.name}</td>
              <td>{t(`frontOffice.devices.kinds.${d.kind}`)}</td>
              <td>{d.windowNo ?? ''}</td>
              <td className="mono small">{d.revokedAt ? t('frontOffice.devices.revoked') : (d.lastSeenAt?.slice(0, 16).replace('T', ' ') ?? '')}</td>
              <td>
                {d.revokedAt ? null : (
                  <button
                    type="button"
                    onClick={async () => {
                      const r = await api().invoke('devices.revoke', { id: d.id });
                      notify(r.ok ? 'success' : 'error', r.ok ? t('frontOffice.devices.revokedOk', { name: d.name }) : r.error.message);
                      devices.reload();
                    }}
                  >
                    {t('frontOffice.devices.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="device-form" onSubmit={submit} noValidate>
        <Field id="device-kind" label={t('frontOffice.devices.kind')}>
          <select id="device-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as DeviceKind })}>
            {DEVICE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`frontOffice.devices.kinds.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id="device-name" label={t('frontOffice.devices.name')} required error={errors.name}>
          <input {...inputAria('device-name', null, errors.name)} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </Field>
        {form.kind === 'display' ? (
          <Field id="device-window" label={t('frontOffice.devices.window')} hint={t('frontOffice.devices.windowHint')} error={errors.windowNo}>
            <select {...inputAria('device-window', t('frontOffice.devices.windowHint'), errors.windowNo)} value={form.windowNo} onChange={(e) => setForm({ ...form, windowNo: e.target.value })}>
              <option value="">{t('frontOffice.devices.hallWide')}</option>
              {(hall.data?.windows ?? []).map((w) => (
                <option key={w.no} value={w.no}>
                  {w.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <button type="submit" className="primary">
          {t('frontOffice.devices.issue')}
        </button>
      </form>
      {issued ? (
        <div className="device-issued" role="status">
          <p>{t('frontOffice.devices.keyOnce')}</p>
          <p>
            {t('frontOffice.devices.key')}: <code data-testid="device-key">{issued.key}</code>
          </p>
          {api().transport === 'http' ? (
            <p>
              <a href={link} target="_blank" rel="noopener noreferrer" data-testid="device-link">
                {t(issued.kind === 'display' ? 'frontOffice.devices.openDisplay' : 'frontOffice.devices.openKiosk')}
              </a>
            </p>
          ) : (
            <p className="small">{t('frontOffice.devices.electronHint')}</p>
          )}
        </div>
      ) : null}
    </section>
  );
}
