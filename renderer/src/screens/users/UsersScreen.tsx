import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usersCreate } from '../../../../shared/api/channels/users';
import { ROLES, type Role } from '../../../../shared/roles';
import type { ApiError } from '../../../../shared/api/errors';
import { api } from '../../api/client';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ScreenHeading } from '../../components/ScreenHeading';
import { Field, inputAria } from '../../components/Field';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useNotify } from '../../state/notify';
import { useUser } from '../../state/session';
import { zodFieldErrors } from '../../lib/errors';
import { useChannelForm } from '../../hooks/useChannelForm';
import type { ChannelInput } from '../../../../shared/api/contract';
import { ResetPasswordDialog } from './ResetPasswordDialog';


/** Supervisors: the station's accounts, and a form to create one. */
export default function UsersScreen() {
  const { t } = useTranslation();
  const me = useUser();
  const { notify } = useNotify();
  const users = useApiQuery('users.list', me.role === 'supervisor' ? {} : null);
  const [form, setForm] = useState({ username: '', displayName: '', role: 'clerk' as Role, password: '' });
  const { errors, apiError, setApiError, busy, check, send } = useChannelForm('nu');
  const [resetFor, setResetFor] = useState<{ id: string; name: string; username: string } | null>(null);
  const [listError, setListError] = useState<ApiError | null>(null);

  /** Disable, enable or re-role an account (each audited by the core); the list is read again. */
  const act = async <C extends 'users.setDisabled' | 'users.setRole'>(channel: C, input: ChannelInput<C>) => {
    const r = await api().invoke(channel, input);
    setListError(r.ok ? null : r.error);
    if (r.ok) notify('success', t('users.saved', { name: r.value.displayName }));
    users.reload();
  };

  if (me.role !== 'supervisor') {
    return (
      <div>
        <ScreenHeading>{t('users.title')}</ScreenHeading>
        <p>{t('users.supervisorOnly')}</p>
      </div>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = usersCreate.input.safeParse(form);
    if (!parsed.success) {
      check(zodFieldErrors(parsed.error));
      return;
    }
    check({});
    const created = await send(() => api().invoke('users.create', parsed.data));
    if (!created) return;
    setApiError(null);
    notify('success', t('users.created', { name: created.displayName, username: created.username }));
    setForm({ username: '', displayName: '', role: 'clerk', password: '' });
    users.reload();
  };

  return (
    <div className="users-screen">
      <ScreenHeading>{t('users.title')}</ScreenHeading>
      <div className="two-col">
        <section className="card" aria-labelledby="users-list">
          <h2 id="users-list">{t('users.list')}</h2>
          <ErrorBanner error={users.error ?? listError} />
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('signIn.username')}</th>
                <th scope="col">{t('users.displayName')}</th>
                <th scope="col">{t('users.role')}</th>
                <th scope="col">{t('users.state')}</th>
                <th scope="col">{t('users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {(users.data ?? []).map((u) => (
                <tr key={u.id} data-username={u.username}>
                  <td className="mono">{u.username}</td>
                  <td>{u.displayName}</td>
                  <td>
                    {u.id === me.id ? (
                      t(`role.${u.role}`)
                    ) : (
                      <select aria-label={t('users.roleOf', { name: u.displayName })} value={u.role} onChange={(e) => void act('users.setRole', { userId: u.id, role: e.target.value as Role })}>
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {t(`role.${r}`)}
                          </option>
                        ))}
                      </select>
                    )}
                  </td>
                  <td>
                    {u.disabled ? t('users.disabled') : t('users.active')}
                    {u.lockedUntil && !u.disabled ? ` · ${t('users.locked')}` : ''}
                    {u.mustChangePassword ? ` · ${t('users.mustChange')}` : ''}
                  </td>
                  <td className="row-actions">
                    {u.id === me.id ? null : (
                      <>
                        <button type="button" onClick={() => void act('users.setDisabled', { userId: u.id, disabled: !u.disabled })}>
                          {u.disabled ? t('users.enable') : t('users.disable')}
                        </button>
                        <button type="button" onClick={() => setResetFor({ id: u.id, name: u.displayName, username: u.username })}>
                          {t('users.resetPassword')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card" aria-labelledby="users-new">
          <h2 id="users-new">{t('users.new')}</h2>
          <ErrorBanner error={apiError} />
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Field id="nu-username" label={t('signIn.username')} required error={errors.username}>
              <input {...inputAria('nu-username', null, errors.username)} value={form.username} onChange={(e) => setForm((f) => ({ ...f, username: e.target.value }))} autoComplete="off" />
            </Field>
            <Field id="nu-displayName" label={t('users.displayName')} required error={errors.displayName}>
              <input {...inputAria('nu-displayName', null, errors.displayName)} value={form.displayName} onChange={(e) => setForm((f) => ({ ...f, displayName: e.target.value }))} autoComplete="off" />
            </Field>
            <Field id="nu-role" label={t('users.role')} required error={errors.role}>
              <select {...inputAria('nu-role', null, errors.role)} value={form.role} onChange={(e) => setForm((f) => ({ ...f, role: e.target.value as Role }))}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="nu-password" label={t('signIn.password')} required hint={t('users.passwordHint')} error={errors.password}>
              <input
                {...inputAria('nu-password', true, errors.password)}
                type="password"
                value={form.password}
                onChange={(e) => setForm((f) => ({ ...f, password: e.target.value }))}
                autoComplete="new-password"
              />
            </Field>
            <button type="submit" className="primary" disabled={busy}>
              {t('users.create')}
            </button>
          </form>
        </section>
      </div>
      {resetFor ? (
        <ResetPasswordDialog
          account={resetFor}
          onClose={() => setResetFor(null)}
          onDone={() => {
            setResetFor(null);
            users.reload();
          }}
        />
      ) : null}
    </div>
  );
}
