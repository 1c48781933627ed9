// The account's robots (#/robots) and one robot's dialog flow (#/robots/:id, #/robots/:id/<node> to point at a node).
import { useEffect } from 'preact/hooks';
import { api } from '../api';
import { AUDIT_LABELS } from '../codes';
import { pick, t } from '../i18n';
import { href } from '../router';
import type { Robot } from '../types';
import { useResource } from '../use-resource';
import { DialogFlow, nodeElementId } from './DialogFlow';

const useRobots = () => useResource((signal) => api<{ robots: Robot[] }>('/robots', { signal }), []);

function Audit({ status }: { status: string }) {
  return <span class={`badge ${status === 'AUDITPASS' ? 'badge-final-ok' : status === 'AUDITFAIL' ? 'badge-final-cancel' : 'badge-init'}`}>{pick(AUDIT_LABELS, status)} <span class="wire">{status}</span></span>;
}

export function RobotsPage() {
  const robots = useRobots();
  const list = robots.data?.robots;
  return (
    <section class="page">
      <h1 tabIndex={-1}>{t('robots.title')}</h1>
      <div class="card">
        {robots.error && <p class="error" role="alert">{robots.error.message}</p>}
        {!list && !robots.error && <p class="muted" role="status">{t('common.loading')}</p>}
        {list && list.length === 0 && <p class="empty">{t('robots.none')}</p>}
        {list && list.length > 0 && (
          <div class="table-wrap">
            <table class="table">
              <caption class="sr-only">{t('robots.title')}</caption>
              <thead><tr><th scope="col">ID</th><th scope="col">{t('robots.name')}</th><th scope="col">{t('robots.type')}</th><th scope="col">{t('robots.audit')}</th><th scope="col" class="num">{t('robots.nodes')}</th></tr></thead>
              <tbody>
                {list.map((r) => (
                  <tr key={r.id} data-testid="robot-row" data-robot-id={r.id}>
                    <td class="num">{r.id}</td>
                    <th scope="row"><a href={href.robot(r.id)}>{r.name}</a></th>
                    <td>{r.robotType}</td>
                    <td><Audit status={r.auditStatus} /></td>
                    <td class="num">{r.dialog ? Object.keys(r.dialog.nodes).length : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}

export function RobotPage({ id, node }: { id: number; node: string | null }) {
  const robots = useRobots();
  const robot = robots.data?.robots.find((r) => r.id === id);

  // A node link: bring its card into view and give it the keyboard focus.
  useEffect(() => {
    if (!robot || node === null) return;
    const el = document.getElementById(nodeElementId(node));
    if (el) {
      el.scrollIntoView({ block: 'start' });
      el.focus({ preventScroll: true });
    }
  }, [robot, node]);

  return (
    <section class="page">
      <p class="crumbs"><a href={href.robots()}>‹ {t('nav.robots')}</a></p>
      <div class="page-head">
        <h1 tabIndex={-1}>{robot ? robot.name : t('robots.robot', { id })}</h1>
        {robot && <Audit status={robot.auditStatus} />}
      </div>
      {robots.error && <p class="error" role="alert">{robots.error.message}</p>}
      {!robots.data && !robots.error && <p class="muted" role="status">{t('common.loading')}</p>}
      {robots.data && !robot && <p class="error" role="alert">{t('robots.notFound')}</p>}
      {robot && (robot.dialog ? <DialogFlow robotId={robot.id} dialog={robot.dialog} /> : <p class="empty">{t('robots.noDialog')}</p>)}
    </section>
  );
}
